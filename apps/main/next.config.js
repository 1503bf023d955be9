// The host. Everything federation-related comes from federation.json through @myapp/federation.
const { NextFederationPlugin } = require('@module-federation/nextjs-mf');
const federation = require('@myapp/federation');

/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: federation.inHousePackages(),
  // The whole repository is type-checked and linted once by `make test`; doing it again inside
  // every Next build would only slow the builds down.
  typescript: { ignoreBuildErrors: true },
  eslint: { ignoreDuringBuilds: true },
  async rewrites() {
    // The browser reaches the API on the host's own origin, so no CORS is needed.
    const api = federation.apiPath();
    return [{ source: `${api}/:path*`, destination: `${federation.apiOrigin()}${api}/:path*` }];
  },
  webpack(config, { isServer }) {
    config.plugins.push(new NextFederationPlugin(federation.nextFederationOptions('main', { isServer })));
    return config;
  },
};
