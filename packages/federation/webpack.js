'use strict';
/**
 * The webpack configuration of a plain React remote (React + webpack 5 + @module-federation/enhanced).
 * Every React remote's webpack.config.js is one call to this function, so their build, dev server
 * and federation options cannot drift apart. Names, ports and paths come from federation.json.
 */
const path = require('node:path');
const federation = require('./index.js');

function reactRemoteWebpackConfig(appName, appDirectory) {
  // Required here, not at the top: only React remotes have these build tools installed.
  const HtmlWebpackPlugin = require('html-webpack-plugin');
  const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
  const self = federation.app(appName);

  return (_env, argv) => {
    const mode = argv.mode === 'development' ? 'development' : 'production';
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
        rules: [
          {
            test: /\.[jt]sx?$/,
            exclude: /node_modules/,
            loader: require.resolve('esbuild-loader'),
            options: { target: 'es2020', jsx: 'automatic' },
          },
        ],
      },
      plugins: [
        new ModuleFederationPlugin({ ...federation.webpackFederationOptions(appName), dts: false }),
        // The page of the standalone entry: the remote on its own, for development.
        new HtmlWebpackPlugin({
          title: `${appName} (standalone)`,
          favicon: path.join(appDirectory, 'public/favicon.ico'),
          templateContent: ({ htmlWebpackPlugin }) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${htmlWebpackPlugin.options.title}</title>
  </head>
  <body style="font-family: system-ui, sans-serif; margin: 0">
    <div id="root"></div>
  </body>
</html>`,
        }),
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

module.exports = { reactRemoteWebpackConfig };
