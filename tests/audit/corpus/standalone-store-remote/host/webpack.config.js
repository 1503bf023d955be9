const ModuleFederationPlugin = require('webpack/lib/container/ModuleFederationPlugin');
const deps = require('./package.json').dependencies;

module.exports = {
  entry: './src/index',
  mode: 'development',
  output: { publicPath: 'http://localhost:3001/' },
  resolve: { extensions: ['.jsx', '.js', '.json'] },
  plugins: [
    new ModuleFederationPlugin({
      name: 'host',
      filename: 'host.js',
      exposes: { './Counter': './src/components/Counter' },
      remotes: { mfe1: 'mfe1@http://localhost:3002/mfe1.js' },
      shared: {
        ...deps,
        react: { singleton: true },
        'react-dom': { singleton: true },
      },
    }),
  ],
};
