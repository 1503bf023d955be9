'use strict';
/**
 * The next.config of every Next app of the federation (the host and the Next remotes), so their
 * federation, proxy and build settings cannot drift apart. Names, ports and paths come from
 * federation.json.
 */
const federation = require('./index.js');

function nextAppConfig(appName) {
  // Required here, not at the top: only Next apps have nextjs-mf installed.
  const { NextFederationPlugin } = require('@module-federation/nextjs-mf');
  const self = federation.app(appName);
  const api = federation.apiPath();
  const underPath = Boolean(self.path);
  const envName = federation.environmentName();
  const oneOrigin = envName !== 'local';

  /** @type {import('next').NextConfig} */
  const config = {
    reactStrictMode: true,
    poweredByHeader: false,
    // Each environment's build in its own folder (`next start` reads the same FEDERATION_ENV).
    distDir: federation.buildDirectory('next', envName),
    // Behind the edge, nginx compresses (brotli and gzip); Next would only gzip.
    compress: !oneOrigin,
    // @myapp/shell is bundled into each app deliberately (see its index.ts), not federated.
    transpilePackages: [...federation.inHousePackages(), '@myapp/shell'],
    // The whole repository is type-checked and linted once by `make test`; doing it again inside
    // every Next build would only slow the builds down.
    typescript: { ignoreBuildErrors: true },
    eslint: { ignoreDuringBuilds: true },
    async headers() {
      // Next marks everything under /_next/static immutable, but a container entry keeps its
      // name from release to release: browsers must revalidate it (ETag, then 304), never keep
      // a stale one pointing at chunks that no longer exist.
      return [
        {
          source: '/_next/static/:side(chunks|ssr)/:file(remoteEntry\\.js|mf-manifest\\.json)',
          headers: [{ key: 'Cache-Control', value: 'no-cache' }],
        },
      ];
    },
    // For the host's /api middleware (apps/main/middleware.ts), which runs where Node's
    // process.env is not read at request time.
    env: {
      MYAPP_API_ORIGIN: federation.apiOrigin(),
      MYAPP_API_MAX_BODY_BYTES: String(federation.apiMaxBodyBytes()),
    },
    async rewrites() {
      // Browsers reach the API on the page's own origin, so no CORS is needed. An app under a
      // base path proxies the API at the origin's root, as the host does. In the host, its
      // middleware (apps/main/middleware.ts) takes every /api request first but WebSocket
      // handshakes, which this rule proxies (their query is only `?token=`).
      const rule = { source: `${api}/:path*`, destination: `${federation.apiOrigin()}${api}/:path*` };
      return [underPath ? { ...rule, basePath: false } : rule];
    },
    webpack(webpackConfig, { isServer, nextRuntime }) {
      // The middleware's edge bundle loads no remote.
      if (nextRuntime === 'edge') return webpackConfig;
      webpackConfig.plugins.push(new NextFederationPlugin(federation.nextFederationOptions(appName, { isServer })));
      if (!isServer) {
        // Pages run under a Content-Security-Policy without 'unsafe-eval' (see the loader).
        webpackConfig.module.rules.push({
          test: /@module-federation[\\/]nextjs-mf[\\/]dist[\\/]src[\\/]plugins[\\/]container[\\/]runtimePlugin\.js$/,
          use: [{ loader: require.resolve('./csp-safe-runtime-loader.js') }],
        });
      }
      return webpackConfig;
    },
  };
  if (underPath) {
    config.basePath = self.path;
    // Absolute, so a host on another origin loads this remote's chunks from here, not from itself.
    config.assetPrefix = federation.appBaseUrl(appName);
  }
  return config;
}

module.exports = { nextAppConfig };
