const path = require('path');
const webpack = require('webpack');
const federationConfig = require('./federationConfig');

const { ModuleFederationPlugin } = webpack.container;

module.exports = {
  entry: { main: path.join(__dirname, '../src/index.ts') },
  plugins: [new ModuleFederationPlugin(federationConfig)],
  resolve: { extensions: ['.tsx', '.ts', '.jsx', '.js', '.json'] },
};
