import NextFederationPlugin from '@module-federation/nextjs-mf';

const remotes = (isServer) => ({
  remote: `remote@http://localhost:3009/_next/static/${isServer ? 'ssr' : 'chunks'}/remoteEntry.js`,
});

export default {
  webpack(config, { isServer }) {
    config.plugins.push(
      new NextFederationPlugin({
        name: 'host',
        filename: 'static/chunks/remoteEntry.js',
        remotes: remotes(isServer),
        exposes: {},
        shared: {
          'shared-library': { import: '../shared-library' },
        },
      }),
    );
    return config;
  },
};
