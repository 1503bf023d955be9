'use strict';
/**
 * The next.config of every Next app of the federation (the host and the Next remotes), so their
 * federation, proxy and build settings cannot drift apart. Names, ports and paths come from
 * federation.json.
 */
const path = require('node:path');
const federation = require('./index.js');
const { everyEntry } = require('./webpack.js');
const { StandaloneRuntimePlugin } = require('./standalone-runtime.js');

/** Set by `fedctl build --monolith`: the host built as one plain Next app (the bench's yardstick). */
const MONOLITH = process.env.FEDERATION_MONOLITH === '1';
/** Where `next dev` writes (see baseConfig's distDir). */
const DEVELOPMENT_DIRECTORY = '.next-dev';
/** The entry of Next's development client that starts React Refresh (next/constants). */
const { CLIENT_STATIC_FILES_RUNTIME_REACT_REFRESH: REACT_REFRESH_ENTRY } = require('next/constants');

function nextAppConfig(appName) {
  if (MONOLITH) return monolithConfig(appName, baseConfig(appName));
  return baseConfig(appName);
}

/**
 * The yardstick of `fedctl bench`: the host's pages built as one Next app, with no federation
 * plugin and every module a remote exposes (`exposes` of federation.json) resolved to its source
 * by a webpack alias (`products/BeautyCare` -> apps/products/components/BeautyCare.tsx). It is
 * generated from the manifest, never kept by hand, so it always shows the same UI as the
 * federation, and it goes to its own build folder (.next-monolith) beside the real build.
 */
function monolithConfig(appName, config) {
  const manifest = federation.readManifest();
  if (appName !== manifest.host) {
    throw new Error(`FEDERATION_MONOLITH=1: only the host (${manifest.host}) has a monolith build, not ${appName}`);
  }
  const aliases = {};
  for (const remote of manifest.apps[appName].remotes) {
    const remoteApp = federation.app(remote);
    for (const [exposed, source] of Object.entries(remoteApp.exposes)) {
      const request = `${remoteApp.federationName}/${exposed.replace(/^\.\//, '')}$`;
      aliases[request] = path.join(federation.appDirectory(remote), source);
    }
  }
  return {
    ...config,
    // No federation runtime to load remotes on the server with: every slot renders client-side.
    env: { ...config.env, MYAPP_SERVER_REMOTES: '' },
    distDir: '.next-monolith',
    // The remotes' sources live outside the host's folder.
    experimental: { ...(config.experimental || {}), externalDir: true },
    webpack(webpackConfig, { nextRuntime }) {
      if (nextRuntime === 'edge') return webpackConfig;
      webpackConfig.resolve.alias = { ...webpackConfig.resolve.alias, ...aliases };
      return webpackConfig;
    },
  };
}

function baseConfig(appName) {
  // Required here, not at the top: only Next apps have nextjs-mf installed.
  const { NextFederationPlugin } = require('@module-federation/nextjs-mf');
  const self = federation.app(appName);
  const api = federation.apiPath();
  const underPath = Boolean(self.path);
  const envName = federation.environmentName();
  const oneOrigin = envName !== 'local';
  const host = appName === federation.readManifest().host;

  /** @type {import('next').NextConfig} */
  const config = {
    reactStrictMode: true,
    poweredByHeader: false,
    // Each environment's build in its own folder (`next start` reads the same FEDERATION_ENV);
    // `next dev` (NODE_ENV=development) writes to its own, so a dev server started beside the
    // production builds (`fedctl dev cart`) never wipes the build `next start` serves.
    distDir: process.env.NODE_ENV === 'development' ? DEVELOPMENT_DIRECTORY : federation.buildDirectory('next', envName),
    // Behind the edge, nginx compresses (brotli and gzip); Next would only gzip.
    compress: !oneOrigin,
    // @myapp/shell is bundled into each app deliberately (see its index.ts), not federated.
    transpilePackages: [...federation.inHousePackages(), '@myapp/shell'],
    // The whole repository is type-checked and linted once by `make test`; doing it again inside
    // every Next build would only slow the builds down.
    typescript: { ignoreBuildErrors: true },
    eslint: { ignoreDuringBuilds: true },
    async headers() {
      // Next marks everything under /_next/static immutable, but a container entry (and a
      // remote's standalone federation runtime) keeps its name from release to release: browsers
      // must revalidate it (ETag, then 304), never keep a stale one pointing at chunks that no
      // longer exist.
      return [
        {
          source: `/_next/static/:side(chunks|ssr)/:file(${federation.revalidatedFiles().map(escapeForPath).join('|')})`,
          headers: [{ key: 'Cache-Control', value: 'no-cache' }],
        },
      ];
    },
    // For the host's /api middleware (apps/main/middleware.ts), which runs where Node's
    // process.env is not read at request time.
    env: {
      MYAPP_API_ORIGIN: federation.apiOrigin(),
      MYAPP_API_MAX_BODY_BYTES: String(federation.apiMaxBodyBytes()),
      // For server renders (@myapp/store's apiOrigin): where this environment's API is reached.
      MYAPP_SERVER_API_ORIGIN: federation.serverApiOrigin(envName),
      // For a remote's own pages (@myapp/shell/document): the federation runtime its build left
      // out, published before the page's scripts run (see standalone-runtime.js).
      MYAPP_STANDALONE_RUNTIME_URL: host ? '' : federation.standaloneRuntime(appName).url,
      // For the host's remote slots: which remotes render on the server (the Next ones). None
      // under `next dev`: a host server keeps the remote code it loaded, so after an edit of a
      // Next remote it would render the old code while the browser runs the new (a hydration
      // error on every reload); releases have the same problem, see README (gotcha 4).
      MYAPP_SERVER_REMOTES:
        process.env.NODE_ENV === 'development'
          ? ''
          : federation.serverRenderedRemotes(appName).map((remote) => federation.app(remote).federationName).join(','),
    },
    async rewrites() {
      // Browsers reach the API on the page's own origin, so no CORS is needed. An app under a
      // base path proxies the API at the origin's root, as the host does. In the host, its
      // middleware (apps/main/middleware.ts) takes every /api request first but WebSocket
      // handshakes, which this rule proxies (their query is only `?token=`).
      const rule = { source: `${api}/:path*`, destination: `${federation.apiOrigin()}${api}/:path*` };
      return [underPath ? { ...rule, basePath: false } : rule];
    },
    webpack(webpackConfig, { isServer, nextRuntime, dev }) {
      // The middleware's edge bundle loads no remote.
      if (nextRuntime === 'edge') return webpackConfig;
      const Plugin = isServer ? NextFederationPlugin : browserFederationPlugin(NextFederationPlugin, appName);
      webpackConfig.plugins.push(new Plugin(federation.nextFederationOptions(appName, { isServer, development: dev })));
      if (!isServer && !host) webpackConfig.plugins.push(new StandaloneRuntimePlugin(federation.standaloneRuntime(appName).output));
      if (!isServer && dev) {
        // A React DevTools hook that keeps React DOM's renderer, installed before React Refresh:
        // a React remote's own React Refresh runtime needs it to swap its components in this
        // page (see @myapp/shell/devtools-hook).
        const entries = webpackConfig.entry;
        webpackConfig.entry = async () => {
          const resolved = await (typeof entries === 'function' ? entries() : entries);
          const refresh = resolved[REACT_REFRESH_ENTRY];
          if (refresh) resolved[REACT_REFRESH_ENTRY] = [require.resolve('@myapp/shell/devtools-hook'), ...[].concat(refresh)];
          return resolved;
        };
      }
      if (!isServer && dev && !host) {
        // A host page that loaded this remote reloads when the remote was rebuilt (see
        // @myapp/shell/remote-reload): Next's own hot-update client only serves the remote's pages.
        webpackConfig.plugins.push(everyEntry(require.resolve('@myapp/shell/remote-reload')));
      }
      if (!isServer) {
        // A require() of runtime-core (nextjs-mf's code has them) pulls its CommonJS build in beside
        // the ESM build webpack already uses: two copies of the federation runtime (~90 KB each) in
        // a browser build. The ESM build alone serves both.
        webpackConfig.resolve.alias = { ...webpackConfig.resolve.alias, ...federation.browserRuntimeAliases() };
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

/** A file name as a literal inside a path-to-regexp group of Next's `headers()` (`.` is a regex character). */
function escapeForPath(file) {
  return file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** nextjs-mf's own runtime plugin, as its options name it (a path with a `?runtimePlugin` query). */
const NEXTJS_MF_RUNTIME_PLUGIN = /@module-federation[\\/]nextjs-mf[\\/]dist[\\/]src[\\/]plugins[\\/]container[\\/]runtimePlugin\.js(\?|$)/;

/**
 * The federation plugin of a Next app's browser build, as nextjs-mf makes it, with two changes:
 *
 * - nextjs-mf sets `experiments` itself ({ asyncStartup }) and passes none of ours on, so the
 *   browser build's (federation.browserExperiments) are added where it makes them.
 * - Its own runtime plugin is left out of the browser (the server keeps it). In a browser it
 *   only gets in the way: it appends `?t=<Date.now()>` to every entry URL, so no entry is ever
 *   cached (ours are revalidated instead); it answers a failed remote with an empty stand-in,
 *   where the host's slot must show the error (without the plugin, the runtime throws it); it
 *   probes the global object with `new Function`, which the CSP refuses; and it tracks chunks
 *   only a server render reads. Without it, each Next container's browser code is ~3 KB
 *   lighter. Should an upgrade rename it, the build fails here.
 */
function browserFederationPlugin(NextFederationPlugin, appName) {
  return class BrowserNextFederationPlugin extends NextFederationPlugin {
    getNormalFederationPluginOptions(compiler, isServer) {
      const options = super.getNormalFederationPluginOptions(compiler, isServer);
      const runtimePlugins = options.runtimePlugins.filter((plugin) => !NEXTJS_MF_RUNTIME_PLUGIN.test(plugin));
      if (runtimePlugins.length !== options.runtimePlugins.length - 1) {
        throw new Error(
          `nextjs-mf's browser runtime plugins are not the ones packages/federation/next.js expects: ${options.runtimePlugins.join(', ')}`,
        );
      }
      return {
        ...options,
        runtimePlugins,
        experiments: { ...options.experiments, ...federation.browserExperiments(appName) },
      };
    }
  };
}

module.exports = { nextAppConfig, browserFederationPlugin };
