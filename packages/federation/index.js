'use strict';
/**
 * @myapp/federation turns the repository's federation.json into the options every app passes to
 * its Module Federation plugin. Apps never spell a port, a URL, a version or a shared flag
 * themselves: they ask this module, so two apps cannot drift apart.
 *
 * It runs inside webpack and Next.js configs (Node, CommonJS), never in the browser.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const semver = require('semver');

const repoRoot = path.resolve(__dirname, '..', '..');
const manifestPath = path.join(repoRoot, 'federation.json');
/** The runtime plugin of every Next server build (see server-runtime-plugin.js). */
const serverRuntimePolicy = require.resolve('./server-runtime-plugin.js');

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
  const manifest = readManifest();
  const app = appOf(manifest, name);
  const base = appBaseUrl(name, env);
  if (app.kind === 'react') return `${base}/${fileName('entry', manifest)}`;
  return `${base}/_next/static/${isServer ? 'ssr' : 'chunks'}/${fileName('entry', manifest)}`;
}

/** A file name builds write without a content hash, by its role in federation.json's `files`. */
function fileName(role, manifest = readManifest()) {
  const file = manifest.files?.[role];
  if (typeof file !== 'string' || !file) throw new Error(`federation.json: files.${role} (a file name) is missing`);
  return file;
}

/** Every file name of federation.json's `files`: revalidated on every load, never kept. */
function revalidatedFiles(manifest = readManifest()) {
  return ['entry', 'manifest', 'standaloneRuntime'].map((role) => fileName(role, manifest));
}

/** Folders whose files are never sources of a release (dependencies, builds, caches). */
const NOT_SOURCES = /^(node_modules|\.next(-.*)?|dist(-.*)?|\.turbo|\.var)$/;

function hashSources(hash, folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (NOT_SOURCES.test(entry.name)) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) hashSources(hash, full);
    else if (entry.isFile()) hash.update(path.relative(repoRoot, full)).update('\0').update(fs.readFileSync(full));
  }
}

/**
 * A remote's release token: a digest of what its build is made of (its sources, the in-house
 * packages it bundles, the federation config, the lock file and the test hooks' pretended
 * versions). It goes in the entry URL a browser build loads (`remoteEntry.js?v=<token>`), so
 * the URL changes with every release of that remote and stays the same between releases;
 * servers send entries with `no-cache` and an ETag, so an unchanged entry costs a 304 and a
 * changed one is never run stale. It replaces nextjs-mf's `?t=<Date.now()>`, which made every
 * page load download every entry again.
 */
function releaseToken(name) {
  const manifest = readManifest();
  appOf(manifest, name);
  const hash = createHash('sha256');
  hashSources(hash, appDirectory(name));
  for (const packageName of inHousePackages()) hashSources(hash, path.join(repoRoot, manifest.shared[packageName].workspace));
  for (const file of ['federation.json', 'package-lock.json']) {
    const full = path.join(repoRoot, file);
    if (fs.existsSync(full)) hash.update(file).update('\0').update(fs.readFileSync(full));
  }
  hash.update(process.env.FEDERATION_PRETEND_VERSIONS || '').update(process.env.FEDERATION_PRETEND_CONTRACTS || '');
  return hash.digest('hex').slice(0, 12);
}

/**
 * The `remotes` block of an app: `{ products: 'products@http://.../remoteEntry.js?v=<release>' }`.
 * Browser builds carry each remote's release token (see releaseToken); server builds load
 * entries through nextjs-mf's own server runtime and keep the plain URL.
 */
function remotesFor(name, { isServer = false, env } = {}) {
  const manifest = readManifest();
  const remotes = {};
  for (const remote of appOf(manifest, name).remotes) {
    const remoteApp = appOf(manifest, remote);
    const url = remoteEntryUrl(remote, { isServer, env });
    remotes[remoteApp.federationName] =
      `${remoteApp.federationName}@${isServer ? url : `${url}?v=${releaseToken(remote)}`}`;
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
function sharedFor(name, { isServer = false, development = false } = {}) {
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
    // Shared tree shaking (experimental in Module Federation): the copy a browser build provides
    // keeps only the exports that build imports, not the whole package. For a singleton the page
    // runs the host's copy, handed to every consumer without comparing exports, which is safe while
    // only the in-house packages import it (the same code in every build); `fedctl audit` (MF011)
    // reports a remote that imports a name the host's copy lacks. `runtime-infer` needs no
    // service; the fallback builds it writes beside each build are never loaded for a singleton.
    // Development builds share whole packages: they write no fallback, and their shared modules
    // then fail to register ("targetShared.get is not a function").
    if (!isServer && !development && spec.treeShaking) entry.treeShaking = { mode: 'runtime-infer' };
    shared[packageName] = entry;
  }
  return shared;
}

/**
 * What the browser build of a Next app shares beyond federation.json's packages once nextjs-mf's
 * defaults are skipped: the JSX runtime every compiled component calls. Without it, a Next remote
 * loads a second copy of React's framework chunk (~137 KB) with its own jsx-runtime.
 */
const BROWSER_NEXT_SHARED = {
  'react/jsx-runtime': { singleton: true, requiredVersion: false, eager: false },
};

/**
 * webpack aliases of every browser build: the ESM build of the federation runtime for every
 * import of it, so a container carries one copy of it, not the ESM and the CommonJS ones.
 */
function browserRuntimeAliases() {
  const commonJs = require.resolve('@module-federation/runtime-core');
  const esm = path.join(path.dirname(commonJs), 'index.js');
  if (!fs.existsSync(esm)) {
    throw new Error(`${esm} is missing: @module-federation/runtime-core changed its layout; review browserRuntimeAliases`);
  }
  return { '@module-federation/runtime-core$': esm };
}

/**
 * Compile-time options of the federation runtime in browser builds: no snapshot plugin (it
 * serves remotes declared by manifest, mf-manifest.json; ours are declared by their entry's URL)
 * and no Node code (script loading through `vm` and `fetch`).
 */
const RUNTIME_OPTIMIZATION = { disableSnapshot: true, target: 'web' };

/**
 * The same options as the flags the runtime's code reads, for a bundle made outside webpack
 * (standalone-runtime.js); @module-federation/enhanced's ModuleFederationPlugin turns
 * `experiments.optimization` into these same DefinePlugin values.
 */
function runtimeDefines() {
  return {
    FEDERATION_OPTIMIZE_NO_SNAPSHOT_PLUGIN: String(RUNTIME_OPTIMIZATION.disableSnapshot),
    ENV_TARGET: JSON.stringify(RUNTIME_OPTIMIZATION.target),
  };
}

/** Where a page's one federation runtime is published (Module Federation's own name for it). */
const EXTERNAL_RUNTIME_GLOBAL = '_FEDERATION_RUNTIME_CORE';

/**
 * `experiments` of an app's browser build: the host publishes its federation runtime and every
 * remote uses that one instead of bundling its own (see standalone-runtime.js), so a page runs
 * one copy of it, not one per container.
 */
function browserExperiments(name) {
  const manifest = readManifest();
  const runtime = name === manifest.host ? { provideExternalRuntime: true } : { externalRuntime: true };
  return { optimization: RUNTIME_OPTIMIZATION, ...runtime };
}

/**
 * The script a remote's standalone page loads first, to publish the runtime the remote's build
 * left out: where its build writes it (relative to the build's output folder) and its URL.
 */
function standaloneRuntime(name) {
  const manifest = readManifest();
  const app = appOf(manifest, name);
  if (name === manifest.host) throw new Error(`"${name}" is the host: it publishes its own federation runtime`);
  const file = fileName('standaloneRuntime', manifest);
  if (app.kind === 'react') return { output: file, url: `${app.path}/${file}` };
  return { output: `static/chunks/${file}`, url: `${appBaseUrl(name)}/_next/static/chunks/${file}` };
}

/** Options for NextFederationPlugin (@module-federation/nextjs-mf) of a Next app. */
function nextFederationOptions(name, { isServer = false, development = false } = {}) {
  const manifest = readManifest();
  const app = appOf(manifest, name);
  if (app.kind !== 'next') throw new Error(`"${name}" is a ${app.kind} app, not a Next app`);
  return {
    name: app.federationName,
    filename: `static/chunks/${fileName('entry', manifest)}`,
    remotes: remotesFor(name, { isServer }),
    exposes: app.exposes,
    shared: isServer ? sharedFor(name, { isServer }) : { ...sharedFor(name, { development }), ...BROWSER_NEXT_SHARED },
    shareStrategy: manifest.shareStrategy,
    // On the server, a failed remote is an error, not nextjs-mf's empty stand-in. The browser build
    // runs without nextjs-mf's runtime plugin (see next.js), so a failure there is an error already.
    runtimePlugins: isServer ? [serverRuntimePolicy] : [],
    extraOptions: {
      enableImageLoaderFix: true,
      enableUrlLoaderFix: true,
      // In the browser, nextjs-mf would share next/router, next/link, next/head... as second
      // copies of code Next's own `main` chunk already holds (~54 KB a page). Our remotes use
      // nothing from Next but `next/dynamic` inside their own pages, so they need none of it
      // shared. The server build keeps the defaults (its externals depend on them).
      skipSharingNextInternals: !isServer,
    },
  };
}

/** Options for ModuleFederationPlugin (@module-federation/enhanced) of a plain React app. */
function webpackFederationOptions(name, { development = false } = {}) {
  const manifest = readManifest();
  const app = appOf(manifest, name);
  if (app.kind !== 'react') throw new Error(`"${name}" is a ${app.kind} app, not a React app`);
  return {
    name: app.federationName,
    filename: fileName('entry', manifest),
    remotes: remotesFor(name),
    exposes: app.exposes,
    shared: sharedFor(name, { development }),
    shareStrategy: manifest.shareStrategy,
    experiments: browserExperiments(name),
  };
}

/** The folder of an app's sources (apps/<name>), absolute. */
function appDirectory(name) {
  appOf(readManifest(), name);
  return path.join(repoRoot, 'apps', name);
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

/**
 * The API origin a Next server calls during a server render (browsers use their page's origin):
 * the API server itself in the local layout; in a one-origin environment, the edge's origin, the
 * one door to the API workers there.
 */
function serverApiOrigin(envName) {
  const manifest = readManifest();
  const env = manifest.environments[envName || environmentName(manifest)];
  if (env.port === undefined) return apiOrigin();
  return environmentOrigin(env, {});
}

/**
 * The remotes of an app that its server renders: the Next ones, which have a server container
 * (`_next/static/ssr/remoteEntry.js`). React remotes have a browser build only.
 */
function serverRenderedRemotes(name) {
  const manifest = readManifest();
  return appOf(manifest, name).remotes.filter((remote) => appOf(manifest, remote).kind === 'next');
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
  EXTERNAL_RUNTIME_GLOBAL,
  browserExperiments,
  browserRuntimeAliases,
  appDirectory,
  contractRange,
  appBaseUrl,
  buildDirectory,
  environmentName,
  fileName,
  inHousePackages,
  nextFederationOptions,
  readManifest,
  releaseToken,
  remoteEntryUrl,
  remotesFor,
  revalidatedFiles,
  serverApiOrigin,
  serverRenderedRemotes,
  runtimeDefines,
  sharedFor,
  standaloneRuntime,
  webpackFederationOptions,
  workspaceVersion,
};
