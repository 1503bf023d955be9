'use strict';
/**
 * The webpack configuration of a plain React remote (React + webpack 5 + @module-federation/enhanced).
 * Every React remote's webpack.config.js is one call to this function, so their build, dev server
 * and federation options cannot drift apart. Names, ports and paths come from federation.json.
 */
const path = require('node:path');
const federation = require('./index.js');
const { StandaloneRuntimePlugin } = require('./standalone-runtime.js');
const { PruneUnusedHoistedModules } = require('./prune-hoisted.js');

function reactRemoteWebpackConfig(appName, appDirectory) {
  // Required here, not at the top: only React remotes have these build tools installed.
  const HtmlWebpackPlugin = require('html-webpack-plugin');
  const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
  const self = federation.app(appName);
  const runtime = federation.standaloneRuntime(appName);

  return (_env, argv) => {
    const mode = argv.mode === 'development' ? 'development' : 'production';
    const development = mode === 'development';
    return {
      mode,
      context: appDirectory,
      entry: './src/index.ts',
      devtool: mode === 'development' ? 'eval-cheap-module-source-map' : 'source-map',
      output: {
        path: path.join(appDirectory, federation.buildDirectory('react')),
        // Chunks are found relative to wherever remoteEntry.js was loaded from.
        publicPath: 'auto',
        filename: mode === 'development' ? '[name].js' : '[name].[contenthash].js',
        clean: true,
        uniqueName: self.federationName,
      },
      resolve: { extensions: ['.tsx', '.ts', '.js', '.json'] },
      module: {
        rules: [development ? reactRefreshRule(appDirectory) : productionRule()],
      },
      plugins: [
        new ModuleFederationPlugin({ ...federation.webpackFederationOptions(appName, { development }), dts: false }),
        // The federation runtime this build leaves out (the host's is used), for the standalone page.
        new StandaloneRuntimePlugin(runtime.output),
        // The page of the standalone entry: the remote on its own, for development.
        new HtmlWebpackPlugin({
          title: `${appName} (standalone)`,
          // Only the app's own entry. The container entry (remoteEntry.js) is what a host loads;
          // in this page too it would start a second webpack runtime, whose hot-update handler
          // takes the other one's updates ("Loading hot update chunk main failed").
          chunks: ['main'],
          favicon: path.join(appDirectory, 'public/favicon.ico'),
          templateContent: ({ htmlWebpackPlugin }) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${htmlWebpackPlugin.options.title}</title>
    <script src="${runtime.url}"></script>
  </head>
  <body style="font-family: system-ui, sans-serif; margin: 0">
    <div id="root"></div>
  </body>
</html>`,
        }),
        // React Refresh: an edited component is swapped in place, its state and the store kept,
        // in the standalone page and in any host page that loaded this remote's entry (each
        // remote's runtime is namespaced by output.uniqueName, so several live side by side).
        // The error overlay stays off: the page's own console and the dev server's log show it.
        // @myapp/shell/hot-reload: where the page's React cannot refresh, an update reloads it.
        ...(development
          ? [
              new (require('@pmmmwh/react-refresh-webpack-plugin'))({ overlay: false }),
              everyEntry(require.resolve('@myapp/shell/hot-reload')),
            ]
          : [new PruneUnusedHoistedModules()]),
      ],
      devServer: {
        port: self.port,
        host: 'localhost',
        historyApiFallback: { index: `${self.path}/` },
        devMiddleware: { publicPath: `${self.path}/` },
        // The host loads this remote's chunks from another origin.
        headers: { 'Access-Control-Allow-Origin': '*' },
        proxy: [{ context: [federation.apiPath()], target: federation.apiOrigin(), ws: true }],
        client: { overlay: false },
      },
      performance: { hints: false },
    };
  };
}

/**
 * A module added to every entry of a build, the container entry (remoteEntry.js) included, as
 * React Refresh's own runtime is: webpack's global entry (EntryPlugin with no name).
 */
function everyEntry(request) {
  return {
    apply(compiler) {
      new compiler.webpack.EntryPlugin(compiler.context, request, { name: undefined }).apply(compiler);
    },
  };
}

/** Production: esbuild, the fastest of the transpilers; it has no React Refresh transform. */
function productionRule() {
  return {
    test: /\.[jt]sx?$/,
    exclude: /node_modules/,
    loader: require.resolve('esbuild-loader'),
    options: { target: 'es2020', jsx: 'automatic' },
  };
}

/**
 * Development: swc, which adds React Refresh's registrations ($RefreshReg$) to every component
 * (esbuild cannot), for @pmmmwh/react-refresh-webpack-plugin's runtime.
 */
function reactRefreshRule(appDirectory) {
  return {
    test: /\.[jt]sx?$/,
    exclude: /node_modules/,
    // From the app: npm may keep swc beside it rather than at the root (its peer @swc/helpers
    // differs from the one Next brings).
    loader: require.resolve('swc-loader', { paths: [appDirectory] }),
    options: {
      jsc: {
        target: 'es2020',
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic', development: true, refresh: true } },
      },
    },
  };
}

module.exports = { everyEntry, reactRemoteWebpackConfig };
