import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const useTheStorePackage =
  "Import Provider, useSelector, useDispatch and the typed hooks from '@myapp/store': a remote with " +
  'its own react-redux gets its own context and never sees the shared store (gotchas 1 and 6).';

export default tseslint.config(
  // .var/ holds copies of apps that the browser tests build (contract, broken, development).
  { ignores: ['**/node_modules/**', '**/.next/**', '**/.next-*/**', '**/dist/**', '**/dist-*/**', '.venv/**', '.var/**', 'tests/**', 'python/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react-redux', message: useTheStorePackage },
            {
              name: '@reduxjs/toolkit',
              importNames: ['configureStore', 'createStore'],
              message: 'Only @myapp/store creates stores: a second store splits the state (gotcha 1).',
            },
            { name: 'redux', message: useTheStorePackage },
            {
              name: '@reduxjs/toolkit/query',
              allowTypeImports: true,
              message: "Use the shop's one api (@myapp/api's hooks, @myapp/store's baseApi): a second api is a second cache.",
            },
            {
              name: '@reduxjs/toolkit/query/react',
              allowTypeImports: true,
              message: "Use the shop's one api (@myapp/api's hooks, @myapp/store's baseApi): a second api is a second cache.",
            },
          ],
        },
      ],
    },
  },
  {
    // The apps hold no data fetching of their own: server data goes through @myapp/api's one
    // cache (RTK Query), which also owns aborting, retrying and the session's renewal.
    files: ['apps/**/*.{ts,tsx}'],
    ignores: ['apps/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', ...['fetch', 'AbortController', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map(
        (name) => ({ name, message: `${name}: read and write server data through @myapp/api (one cache for every remote).` }),
      )],
      'no-restricted-properties': ['error', ...['window', 'globalThis', 'self'].map((object) => ({
        object,
        property: 'fetch',
        message: 'Read and write server data through @myapp/api (one cache for every remote).',
      }))],
    },
  },
  {
    // Written by `fedctl api-types` (@rtk-query/codegen-openapi), checked for staleness, not style.
    files: ['packages/api/src/generated/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The store package is the one place allowed to talk to react-redux and create the store.
    files: ['packages/store/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
);
