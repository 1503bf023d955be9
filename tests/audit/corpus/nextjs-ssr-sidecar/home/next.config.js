const { withFederatedSidecar } = require('@module-federation/nextjs-ssr');

const remotes = (isServer) => {
  const location = isServer ? 'ssr' : 'chunks';
  return {
    shop: `shop@http://localhost:3002/_next/static/${location}/remoteEntry.js`,
    checkout: `checkout@http://localhost:3000/_next/static/${location}/remoteEntry.js`,
  };
};

module.exports = withFederatedSidecar(
  {
    name: 'home',
    filename: 'static/chunks/remoteEntry.js',
    exposes: { './nav': './components/nav.js', './home': './async-pages/index.js' },
    remotes,
    shared: { react: { requiredVersion: false, singleton: true } },
  },
  { experiments: { flushChunks: true } },
)({
  webpack(config) {
    return config;
  },
});
