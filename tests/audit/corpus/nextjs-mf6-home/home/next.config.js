const NextFederationPlugin = require('@module-federation/nextjs-mf');

// Each remote's entry: the server build loads the `ssr` one, the browser the `chunks` one.
const entry = (name, port, isServer) =>
  `${name}@http://localhost:${port}/_next/static/${isServer ? 'ssr' : 'chunks'}/remoteEntry.js`;

module.exports = {
  webpack(config, { isServer }) {
    config.plugins.push(
      new NextFederationPlugin({
        name: 'home',
        filename: 'static/chunks/remoteEntry.js',
        remotes: {
          home: entry('home', 3001, isServer),
          shop: entry('shop', 3002, isServer),
          checkout: entry('checkout', 3000, isServer),
        },
        exposes: {
          './nav': './components/nav.js',
          './home': './pages/index.js',
        },
        shared: {},
      }),
    );
    return config;
  },
};
