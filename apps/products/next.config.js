// The Products remote. Its base path, port and federation options come from federation.json.
const { NextFederationPlugin } = require('@module-federation/nextjs-mf');
const federation = require('@myapp/federation');

const self = federation.app('products');

/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  basePath: self.path,
  // Absolute, so the host (another origin in the local environment) loads this remote's chunks
  // from here rather than from itself.
  assetPrefix: federation.appBaseUrl('products'),
  transpilePackages: federation.inHousePackages(),
  // Type-checked and linted once for the whole repository by `make test`.
  typescript: { ignoreBuildErrors: true },
  eslint: { ignoreDuringBuilds: true },
  async rewrites() {
    // Standalone, the remote proxies the API itself; inside the host, the host's proxy answers.
    const api = federation.apiPath();
    return [
      { source: `${api}/:path*`, destination: `${federation.apiOrigin()}${api}/:path*`, basePath: false },
    ];
  },
  webpack(config, { isServer }) {
    config.plugins.push(
      new NextFederationPlugin(federation.nextFederationOptions('products', { isServer })),
    );
    return config;
  },
};
