// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const federation = require('./index.js');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'federation.json'), 'utf8'));
const storeVersion = JSON.parse(fs.readFileSync(path.join(root, 'packages/store/package.json'), 'utf8')).version;

afterEach(() => vi.unstubAllEnvs());

describe('@myapp/federation', () => {
  it('derives remote URLs from the ports and paths of federation.json', () => {
    const expected = {};
    for (const name of manifest.apps.main.remotes) {
      const remote = manifest.apps[name];
      const entry = remote.kind === 'react' ? 'remoteEntry.js' : '_next/static/chunks/remoteEntry.js';
      const release = federation.releaseToken(name);
      expected[remote.federationName] =
        `${remote.federationName}@http://localhost:${remote.port}${remote.path}/${entry}?v=${release}`;
    }
    expect(federation.remotesFor('main')).toEqual(expected);
  });

  it('points the server build of a Next host at the ssr entry of Next remotes', () => {
    expect(federation.remotesFor('main', { isServer: true }).products).toMatch(
      /\/_next\/static\/ssr\/remoteEntry\.js$/,
    );
  });

  it('uses the production layout when FEDERATION_ENV=production', () => {
    vi.stubEnv('FEDERATION_ENV', 'production');
    const production = manifest.environments.production;
    const origin = production.origin.replace('{port}', String(production.port));
    const remotes = federation.remotesFor('main');
    expect(remotes.auth).toBe(`auth@${origin}/auth/remoteEntry.js?v=${federation.releaseToken('auth')}`);
    expect(remotes.products).toBe(
      `products@${origin}/products/_next/static/chunks/remoteEntry.js?v=${federation.releaseToken('products')}`,
    );
    expect(Object.values(remotes).every((url) => url.includes(`@${origin}/`))).toBe(true);
  });

  it('takes the one origin from FEDERATION_ORIGIN, so one build step serves any domain', () => {
    vi.stubEnv('FEDERATION_ENV', 'production');
    vi.stubEnv('FEDERATION_ORIGIN', 'https://shop.example.com/');
    const release = federation.releaseToken('cart');
    expect(federation.remotesFor('main').cart).toBe(`cart@https://shop.example.com/cart/remoteEntry.js?v=${release}`);
    vi.stubEnv('FEDERATION_ENV', 'local');
    const cart = manifest.apps.cart;
    expect(federation.remotesFor('main').cart).toBe(
      `cart@http://localhost:${cart.port}${cart.path}/remoteEntry.js?v=${release}`,
    );
  });

  it('names each remote release in its entry URL: stable between builds, new when the build changes', () => {
    const release = federation.releaseToken('products');
    expect(release).toMatch(/^[0-9a-f]{12}$/);
    expect(federation.releaseToken('products')).toBe(release);
    expect(federation.releaseToken('auth')).not.toBe(release);
    vi.stubEnv('FEDERATION_PRETEND_VERSIONS', JSON.stringify({ '@myapp/store': '9.9.0' }));
    expect(federation.releaseToken('products')).not.toBe(release);
  });

  it('shares no Next internals in the browser but the JSX runtime, and keeps one federation runtime', () => {
    const browser = federation.nextFederationOptions('products');
    expect(browser.extraOptions.skipSharingNextInternals).toBe(true);
    expect(browser.shared['react/jsx-runtime']).toMatchObject({ singleton: true, requiredVersion: false });
    const server = federation.nextFederationOptions('products', { isServer: true });
    expect(server.extraOptions.skipSharingNextInternals).toBe(false);
    expect(server.shared['react/jsx-runtime']).toBeUndefined();
    const alias = federation.browserRuntimeAliases()['@module-federation/runtime-core$'];
    expect(alias).toMatch(/runtime-core[\\/]dist[\\/]index\.js$/);
    expect(fs.existsSync(alias)).toBe(true);
  });

  it('runs one federation runtime per page: the host publishes it, every remote uses it', () => {
    expect(federation.browserExperiments('main')).toMatchObject({ provideExternalRuntime: true });
    expect(federation.browserExperiments('main').externalRuntime).toBeUndefined();
    for (const name of manifest.apps.main.remotes) {
      const experiments = federation.browserExperiments(name);
      expect(experiments).toMatchObject({ externalRuntime: true, optimization: { disableSnapshot: true, target: 'web' } });
      expect(experiments.provideExternalRuntime).toBeUndefined();
    }
    expect(federation.webpackFederationOptions('auth').experiments.externalRuntime).toBe(true);
    expect(federation.runtimeDefines()).toEqual({ FEDERATION_OPTIMIZE_NO_SNAPSHOT_PLUGIN: 'true', ENV_TARGET: '"web"' });
  });

  it("takes the files builds write without a hash from federation.json, and Next revalidates exactly those", async () => {
    const files = manifest.files;
    expect(federation.revalidatedFiles()).toEqual([files.entry, files.manifest, files.standaloneRuntime]);
    expect(federation.fileName('entry')).toBe(files.entry);
    expect(() => federation.fileName('nothing')).toThrow(/files\.nothing/);
    const config = require('./next.js').nextAppConfig('products');
    const [rule] = await config.headers();
    expect(rule.source).toBe('/_next/static/:side(chunks|ssr)/:file(remoteEntry\\.js|mf-manifest\\.json|federation-runtime\\.js)');
    expect(rule.headers).toEqual([{ key: 'Cache-Control', value: 'no-cache' }]);
  });

  it("gives a remote's own pages the runtime its build leaves out, at a URL of that remote", () => {
    expect(federation.standaloneRuntime('auth')).toEqual({ output: 'federation-runtime.js', url: '/auth/federation-runtime.js' });
    expect(federation.standaloneRuntime('products')).toEqual({
      output: 'static/chunks/federation-runtime.js',
      url: `${federation.appBaseUrl('products')}/_next/static/chunks/federation-runtime.js`,
    });
    expect(() => federation.standaloneRuntime('main')).toThrow(/host/);
    const { standaloneRuntimeSource } = require('./standalone-runtime.js');
    const source = standaloneRuntimeSource();
    // A self-contained script: nothing left to import, the runtime published where remotes read it.
    expect(source).not.toMatch(/\brequire\(|^import /m);
    const published = {};
    new Function('globalThis', source)(published);
    expect(typeof published[federation.EXTERNAL_RUNTIME_GLOBAL].ModuleFederation).toBe('function');
  });

  it('builds each environment into its own folder', () => {
    expect(federation.buildDirectory('react', 'local')).toBe('dist');
    expect(federation.buildDirectory('next', 'local')).toBe('.next');
    expect(federation.buildDirectory('react', 'production')).toBe('dist-production');
    expect(federation.buildDirectory('next', 'production')).toBe('.next-production');
  });

  it('leaves nextjs-mf\'s runtime plugin out of Next browser builds only, and adds our experiments', () => {
    const { NextFederationPlugin } = require(require.resolve('@module-federation/nextjs-mf', { paths: [path.join(root, 'apps/main')] }));
    const { browserFederationPlugin } = require('./next.js');
    const compiler = { options: { context: path.join(root, 'apps/products') } };
    const Browser = browserFederationPlugin(NextFederationPlugin, 'products');
    const browser = new Browser(federation.nextFederationOptions('products')).getNormalFederationPluginOptions(compiler, false);
    expect(browser.runtimePlugins).toEqual([]);
    expect(browser.experiments).toMatchObject({ asyncStartup: true, externalRuntime: true });
    const server = new NextFederationPlugin(federation.nextFederationOptions('products', { isServer: true }))
      .getNormalFederationPluginOptions(compiler, true);
    expect(server.runtimePlugins.some((plugin) => plugin.includes('nextjs-mf/dist/src/plugins/container/runtimePlugin.js'))).toBe(true);
    expect(server.runtimePlugins.some((plugin) => plugin.includes('server-runtime-plugin.js'))).toBe(true);
  });

  it('refuses an unknown environment or app with the known names', () => {
    vi.stubEnv('FEDERATION_ENV', 'staging');
    expect(() => federation.remotesFor('main')).toThrow(/staging.*known: local, production/);
    vi.unstubAllEnvs();
    expect(() => federation.app('wishlist')).toThrow(/"wishlist" is not an app.*known: main/);
  });

  it('pins in-house packages to their own package.json version, strictly', () => {
    const shared = federation.sharedFor('auth');
    expect(shared['@myapp/store']).toEqual({
      singleton: true,
      eager: false,
      version: storeVersion,
      requiredVersion: storeVersion,
      strictVersion: true,
    });
    expect(shared.react).toEqual({ singleton: true, eager: false, requiredVersion: false });
  });

  it('gives every app the same shared block', () => {
    const names = Object.keys(manifest.apps);
    const blocks = names.map((name) => JSON.stringify(federation.sharedFor(name)));
    expect(new Set(blocks).size).toBe(1);
  });

  it('tree-shakes the packages federation.json flags in production browser builds only', () => {
    const flagged = Object.keys(manifest.shared).filter((name) => manifest.shared[name].treeShaking);
    expect(flagged.length).toBeGreaterThan(0);
    for (const name of flagged) {
      expect(federation.sharedFor('cart')[name].treeShaking).toEqual({ mode: 'runtime-infer' });
      expect(federation.nextFederationOptions('products').shared[name].treeShaking).toEqual({ mode: 'runtime-infer' });
      expect(federation.sharedFor('cart', { development: true })[name].treeShaking).toBeUndefined();
      expect(federation.nextFederationOptions('products', { development: true }).shared[name].treeShaking).toBeUndefined();
      expect(federation.nextFederationOptions('products', { isServer: true }).shared[name].treeShaking).toBeUndefined();
    }
  });

  it('keeps React out of the server bundle of Next apps only', () => {
    expect(federation.sharedFor('main', { isServer: true }).react.import).toBe(false);
    expect(federation.sharedFor('main', { isServer: true })['react-dom'].import).toBe(false);
    expect(federation.sharedFor('main', { isServer: false }).react.import).toBeUndefined();
    expect(federation.sharedFor('main', { isServer: true })['@myapp/store'].import).toBeUndefined();
  });

  it('can build one container as if it had another store release (contract tests)', () => {
    vi.stubEnv('FEDERATION_PRETEND_VERSIONS', '{"@myapp/store":"1.1.0"}');
    expect(federation.sharedFor('products')['@myapp/store'].requiredVersion).toBe('1.1.0');
    vi.stubEnv('FEDERATION_PRETEND_VERSIONS', '{not json');
    expect(() => federation.sharedFor('products')).toThrow(/FEDERATION_PRETEND_VERSIONS is not valid JSON/);
  });

  it('requires ^MAJOR.MINOR.0 under the compatible contract, still singleton and strict', () => {
    vi.stubEnv('FEDERATION_PRETEND_CONTRACTS', '{"@myapp/store":"compatible"}');
    vi.stubEnv('FEDERATION_PRETEND_VERSIONS', '{"@myapp/store":"1.4.2"}');
    expect(federation.sharedFor('cart')['@myapp/store']).toEqual({
      singleton: true,
      eager: false,
      version: '1.4.2',
      requiredVersion: '^1.4.0',
      strictVersion: true,
    });
    // The other in-house package keeps its own (exact) contract.
    expect(federation.sharedFor('cart')['@myapp/api'].requiredVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('keeps the exact contract by default and refuses an unknown one', () => {
    expect(federation.contractRange('@myapp/store', '1.4.2')).toBe('1.4.2');
    vi.stubEnv('FEDERATION_PRETEND_CONTRACTS', '{"@myapp/store":"loose"}');
    expect(() => federation.sharedFor('cart')).toThrow(/contract is "loose"; use one of exact, compatible/);
  });

  it('chooses loaded-first sharing so a remote cannot replace the host store', () => {
    expect(federation.nextFederationOptions('main').shareStrategy).toBe('loaded-first');
    expect(federation.webpackFederationOptions('auth').shareStrategy).toBe('loaded-first');
  });
});
