const ModuleFederationPlugin = require('webpack/lib/container/ModuleFederationPlugin');
const deps = require('./package.json').dependencies;

module.exports = {
  entry: './src/index',
  mode: 'development',
  output: { publicPath: 'http://localhost:3002/' },
  plugins: [
    new ModuleFederationPlugin({
      name: 'mfe1',
      filename: 'mfe1.js',
      exposes: { './MFE1': './src/MFE1' },
      shared: {
        ...deps,
        react: { singleton: true },
        'react-dom': { singleton: true },
      },
    }),
  ],
};
