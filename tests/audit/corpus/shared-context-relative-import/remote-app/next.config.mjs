import NextFederationPlugin from '@module-federation/nextjs-mf';

export default {
  webpack(config) {
    config.plugins.push(
      new NextFederationPlugin({
        name: 'remote',
        filename: 'static/chunks/remoteEntry.js',
        exposes: { './HeaderA': './src/components/HeaderA' },
        shared: {
          'shared-library': { import: '../shared-library/src' },
        },
      }),
    );
    return config;
  },
};
