import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The apps' JSX uses React 17+'s automatic runtime (no `import React`), as their builds do.
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['packages/**/*.test.{ts,tsx,mjs}', 'apps/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/.next/**', '**/dist/**'],
    environment: 'node',
  },
});
