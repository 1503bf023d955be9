const ModuleFederationPlugin = require('webpack/lib/container/ModuleFederationPlugin');
const deps = require('./package.json').dependencies;

module.exports = {
  entry: './src/index',
  plugins: [
    new ModuleFederationPlugin({
      name: 'app2',
      filename: 'remoteEntry.js',
      exposes: { './RemoteApp': './src/RemoteApp' },
      shared: {
        ...deps,
        react: { singleton: true },
        'react-dom': { singleton: true },
      },
    }),
  ],
};
