// The Auth remote: plain React built by webpack 5 with @module-federation/enhanced.
// Its port, public path, exposes and shared block all come from federation.json.
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
const federation = require('@myapp/federation');

const self = federation.app('auth');

module.exports = (_env, argv) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  return {
    mode,
    entry: './src/index.ts',
    devtool: mode === 'development' ? 'eval-cheap-module-source-map' : 'source-map',
    output: {
      path: path.resolve(__dirname, 'dist'),
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
          loader: 'esbuild-loader',
          options: { target: 'es2020', jsx: 'automatic' },
        },
      ],
    },
    plugins: [
      new ModuleFederationPlugin({ ...federation.webpackFederationOptions('auth'), dts: false }),
      new HtmlWebpackPlugin({ template: './public/index.html', favicon: './public/favicon.ico' }),
    ],
    devServer: {
      port: self.port,
      host: 'localhost',
      historyApiFallback: { index: `${self.path}/` },
      devMiddleware: { publicPath: `${self.path}/` },
      // The host loads this remote's chunks from another origin.
      headers: { 'Access-Control-Allow-Origin': '*' },
      proxy: [{ context: [federation.apiPath()], target: federation.apiOrigin() }],
      client: { overlay: false },
    },
    performance: { hints: false },
  };
};
