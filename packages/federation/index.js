'use strict';
/**
 * @myapp/federation turns the repository's federation.json into the options every app passes to
 * its Module Federation plugin. Apps never spell a port, a URL, a version or a shared flag
 * themselves: they ask this module, so two apps cannot drift apart.
 *
 * It runs inside webpack and Next.js configs (Node, CommonJS), never in the browser.
 */
const fs = require('node:fs');
const path = require('node:path');
const semver = require('semver');

const repoRoot = path.resolve(__dirname, '..', '..');
const manifestPath = path.join(repoRoot, 'federation.json');
/** The runtime plugin every browser build carries (see runtime-plugin.js). */
const runtimePolicy = require.resolve('./runtime-plugin.js');

/** Reads federation.json afresh, so a long-running dev server sees edits after a restart. */
function readManifest() {
  return JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
}

/** The environment whose URLs are baked into a build: FEDERATION_ENV, `local` by default. */
function environmentName(manifest = readManifest()) {
  const name = process.env.FEDERATION_ENV || 'local';
  if (!manifest.environments[name]) {
    const known = Object.keys(manifest.environments).join(', ');
    throw new Error(`FEDERATION_ENV=${name} is not an environment of federation.json (known: ${known})`);
  }
  return name;
}

function appOf(manifest, name) {
  const app = manifest.apps[name];
  if (!app) {
    const known = Object.keys(manifest.apps).join(', ');
    throw new Error(`"${name}" is not an app of federation.json (known: ${known})`);
  }
  return app;
}

/**
 * The origin of an app in an environment. A one-origin environment (one with its own `port`, the
 * edge's) takes FEDERATION_ORIGIN when it is set, so the same build steps serve
 * https://shop.example.com and http://localhost:8080; `{port}` is the app's port, or the edge's.
 */
function environmentOrigin(env, app) {
  if (env.port !== undefined && process.env.FEDERATION_ORIGIN) {
    return process.env.FEDERATION_ORIGIN.replace(/\/+$/, '');
  }
  return env.origin.replace('{port}', String(env.port !== undefined ? env.port : app.port));
}

/** Where an app is reached in an environment, including its path prefix (no trailing slash). */
function appBaseUrl(name, envName) {
  const manifest = readManifest();
  const env = manifest.environments[envName || environmentName(manifest)];
  const app = appOf(manifest, name);
  return environmentOrigin(env, app) + app.path;
}

/**
 * The folder an app's build goes to, relative to the app: `dist` / `.next` for the local layout,
 * `dist-<env>` / `.next-<env>` for another environment, so both layouts can be built side by side.
 */
function buildDirectory(kind, envName = environmentName()) {
  const base = kind === 'react' ? 'dist' : '.next';
  return envName === 'local' ? base : `${base}-${envName}`;
}

/**
 * The URL of an app's container entry. A plain React remote has one entry; a Next.js remote has
 * one per compiler, and the server build of a Next host must load the `ssr` one.
 */
function remoteEntryUrl(name, { isServer = false, env } = {}) {
  const app = appOf(readManifest(), name);
  const base = appBaseUrl(name, env);
  if (app.kind === 'react') return `${base}/remoteEntry.js`;
  return `${base}/_next/static/${isServer ? 'ssr' : 'chunks'}/remoteEntry.js`;
}

/** The `remotes` block of an app: `{ products: 'products@http://.../remoteEntry.js' }`. */
function remotesFor(name, { isServer = false, env } = {}) {
  const manifest = readManifest();
  const remotes = {};
  for (const remote of appOf(manifest, name).remotes) {
    const remoteApp = appOf(manifest, remote);
    remotes[remoteApp.federationName] =
      `${remoteApp.federationName}@${remoteEntryUrl(remote, { isServer, env })}`;
  }
  return remotes;
}

/**
 * Test hooks: JSON objects in FEDERATION_PRETEND_VERSIONS (e.g. '{"@myapp/store":"1.1.0"}') and
 * FEDERATION_PRETEND_CONTRACTS (e.g. '{"@myapp/store":"compatible"}'). Only the version-contract
 * browser tests set them, to build one container as if it had been built against another release
 * of the store, or under the other contract.
 */
function pretended(variable) {
  const raw = process.env[variable];
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new Error(`${variable} is not valid JSON: ${error.message}`);
  }
}

/** An in-house package's version, read from its own package.json: the contract cannot lie. */
function workspaceVersion(packageName, manifest = readManifest()) {
  const spec = manifest.shared[packageName];
  if (!spec || !spec.workspace) {
    throw new Error(`"${packageName}" is not an in-house shared package of federation.json`);
  }
  const pretendedVersion = pretended('FEDERATION_PRETEND_VERSIONS')[packageName];
  if (pretendedVersion) return pretendedVersion;
  const packageJson = path.join(repoRoot, spec.workspace, 'package.json');
  return JSON.parse(fs.readFileSync(packageJson, 'utf8')).version;
}

/** The two version contracts an in-house package can choose in federation.json (`contract`). */
const CONTRACTS = ['exact', 'compatible'];

/**
 * What a container built against `version` of an in-house package accepts at runtime.
 * `exact` (the default): that version and no other. `compatible`: `^MAJOR.MINOR.0` of it, so a
 * remote built against 1.0 runs on a host that provides 1.1, a remote built against 1.1 is refused
 * by a host that provides 1.0, and nothing crosses a major version. Both stay singleton + strict.
 */
function contractRange(packageName, version, manifest = readManifest()) {
  const contract = pretended('FEDERATION_PRETEND_CONTRACTS')[packageName] || manifest.shared[packageName].contract || 'exact';
  if (!CONTRACTS.includes(contract)) {
    throw new Error(
      `federation.json: shared["${packageName}"].contract is "${contract}"; use one of ${CONTRACTS.join(', ')}`,
    );
  }
  const parsed = semver.parse(version);
  if (!parsed) throw new Error(`${packageName}: version "${version}" is not a semver version`);
  return contract === 'exact' ? parsed.version : `^${parsed.major}.${parsed.minor}.0`;
}

/** Names of the in-house packages (those federation.json maps to a workspace folder). */
function inHousePackages() {
  const manifest = readManifest();
  return Object.keys(manifest.shared).filter((name) => manifest.shared[name].workspace);
}

/**
 * The `shared` block of an app. Third-party singletons accept whatever the host provides
 * (`requiredVersion: false`); in-house packages carry `strictVersion` and the range their
 * contract gives the package.json version (see contractRange), so a remote built against an
 * incompatible store release is refused at runtime.
 * The server compiler of a Next app must not bundle its own React (`import: false`): Next
 * provides it, and a second copy breaks prerendering.
 */
function sharedFor(name, { isServer = false } = {}) {
  const manifest = readManifest();
  const app = appOf(manifest, name);
  const shared = {};
  for (const [packageName, spec] of Object.entries(manifest.shared)) {
    const entry = { singleton: Boolean(spec.singleton), eager: false };
    if (spec.workspace) {
      const version = workspaceVersion(packageName, manifest);
      entry.version = version;
      entry.requiredVersion = contractRange(packageName, version, manifest);
    } else {
      entry.requiredVersion = spec.requiredVersion === undefined ? false : spec.requiredVersion;
    }
    if (spec.strictVersion) entry.strictVersion = true;
    if (isServer && app.kind === 'next' && spec.serverImport === false) entry.import = false;
    shared[packageName] = entry;
  }
  return shared;
}

/** Options for NextFederationPlugin (@module-federation/nextjs-mf) of a Next app. */
function nextFederationOptions(name, { isServer = false } = {}) {
  const manifest = readManifest();
  const app = appOf(manifest, name);
  if (app.kind !== 'next') throw new Error(`"${name}" is a ${app.kind} app, not a Next app`);
  return {
    name: app.federationName,
    filename: 'static/chunks/remoteEntry.js',
    remotes: remotesFor(name, { isServer }),
    exposes: app.exposes,
    shared: sharedFor(name, { isServer }),
    shareStrategy: manifest.shareStrategy,
    // The server side keeps nextjs-mf's own behaviour; the browser gets the runtime policy.
    runtimePlugins: isServer ? [] : [runtimePolicy],
    extraOptions: {
      enableImageLoaderFix: true,
      enableUrlLoaderFix: true,
    },
  };
}

/** Options for ModuleFederationPlugin (@module-federation/enhanced) of a plain React app. */
function webpackFederationOptions(name) {
  const manifest = readManifest();
  const app = appOf(manifest, name);
  if (app.kind !== 'react') throw new Error(`"${name}" is a ${app.kind} app, not a React app`);
  return {
    name: app.federationName,
    filename: 'remoteEntry.js',
    remotes: remotesFor(name),
    exposes: app.exposes,
    shared: sharedFor(name),
    shareStrategy: manifest.shareStrategy,
    runtimePlugins: [runtimePolicy],
  };
}

/** The app's record in federation.json (port, path, kind...). */
function app(name) {
  return appOf(readManifest(), name);
}

/** Where the Python API listens; servers proxy `/api` there so browsers stay same-origin. */
function apiOrigin() {
  const manifest = readManifest();
  return process.env.API_ORIGIN || `http://127.0.0.1:${manifest.api.port}`;
}

/** Path prefix of the API, e.g. `/api`. */
function apiPath() {
  return readManifest().api.path;
}

/** Largest request body the API accepts; the host's /api door refuses bigger ones itself. */
function apiMaxBodyBytes() {
  return readManifest().api.maxBodyBytes;
}

module.exports = {
  apiMaxBodyBytes,
  apiOrigin,
  apiPath,
  app,
  contractRange,
  appBaseUrl,
  buildDirectory,
  environmentName,
  inHousePackages,
  nextFederationOptions,
  readManifest,
  remoteEntryUrl,
  remotesFor,
  sharedFor,
  webpackFederationOptions,
  workspaceVersion,
};
