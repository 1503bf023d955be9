const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
const deps = require('./package.json').dependencies;

module.exports = {
  entry: './src/index',
  plugins: [
    new ModuleFederationPlugin({
      experiments: { asyncStartup: true },
      name: 'app1',
      filename: 'remoteEntry.js',
      remotes: { app2: 'app2@http://localhost:3002/remoteEntry.js' },
      shared: {
        ...deps,
        react: { singleton: true },
        'react-dom': { singleton: true },
      },
    }),
  ],
};
