const ModuleFederationPlugin = require('webpack/lib/container/ModuleFederationPlugin');

const deps = require('./package.json').dependencies;

// Every shared package is eager: the synchronous entry below may import it directly.
const eagerSingleton = (name) => ({ eager: true, singleton: true, requiredVersion: deps[name] });

module.exports = () => ({
  mode: 'development',
  entry: './src/index.tsx',
  resolve: { extensions: ['.tsx', '.ts', '.jsx', '.js', '.json'] },
  devServer: { port: 3333, historyApiFallback: true },
  plugins: [
    new ModuleFederationPlugin({
      name: 'signalMetrics',
      filename: 'remoteEntry.js',
      remotes: {},
      exposes: {
        './signalMetrics': './src/components/container/Container.tsx',
      },
      shared: {
        react: eagerSingleton('react'),
        'react-dom': eagerSingleton('react-dom'),
        'react-redux': eagerSingleton('react-redux'),
        redux: eagerSingleton('redux'),
        '@reduxjs/toolkit': eagerSingleton('@reduxjs/toolkit'),
        d3: { eager: true, singleton: true },
        moment: { eager: true, singleton: true },
      },
    }),
  ],
});
