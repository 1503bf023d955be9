'use strict';
// Evaluates one webpack or Next.js config the way the build would, and records the options every
// Module Federation plugin receives.
//
//   node evaluate-config.cjs <config path> <webpack|next> <output json path>
//
// The federation plugins (webpack's container.ModuleFederationPlugin, @module-federation/enhanced,
// @module-federation/nextjs-mf, @module-federation/node's UniversalFederationPlugin) are replaced by
// recording stubs, and `webpack` itself is stubbed, so nothing is compiled. Any other export of a
// `@module-federation/*` package (a wrapper such as `withFederatedSidecar`) is recorded as a wrapper
// the audit does not understand, with the options it was given, so it is reported, never dropped.
// Workspace packages of the scanned repository (FEDCTL_WORKSPACES: name -> folder) resolve to their
// folders even where `node_modules` is missing. Everything else runs for real: the config, `require('./package.json')`,
// helper modules and workspace packages. A bare module that cannot be resolved (a fixture without
// node_modules, or a plugin nobody installed) becomes an inert stub whose name is reported, so the
// caller can refuse options that were built from it. The result goes to a file, not stdout, because
// configs are free to print.

const fs = require('fs');
const Module = require('module');
const path = require('path');
const { pathToFileURL } = require('url');

const [configPath, kind, outputPath] = process.argv.slice(2);
const STUB_NAME = Symbol.for('fedctl.stubName');
const records = [];
const unresolved = new Set();
let currentSide = null;

if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';

function callSite() {
  // Frames below this loader show where the plugin was constructed: the config or one of its helpers.
  const frames = [];
  for (const line of String(new Error().stack).split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!match) continue;
    let file = match[1];
    if (file.startsWith('file://')) file = new URL(file).pathname;
    if (!path.isAbsolute(file) || file === __filename) continue;
    frames.push({ file, line: Number(match[2]), column: Number(match[3]) });
  }
  return frames;
}

function recordingPlugin(pluginName, packageName) {
  return class {
    constructor(options) {
      this.options = options;
      records.push({ plugin: pluginName, package: packageName, side: currentSide, options, frames: callSite() });
    }

    apply() {}
  };
}

// An object that answers every property access, call and construction with another stub.
function inertStub(name) {
  const target = function () {};
  return new Proxy(target, {
    get(_target, property) {
      if (property === STUB_NAME) return name;
      if (property === 'then') return undefined;
      if (property === '__esModule') return false;
      if (property === Symbol.toPrimitive) return () => `[unresolved ${name}]`;
      if (property === 'prototype') return target.prototype;
      return inertStub(`${name}.${String(property)}`);
    },
    apply() {
      return inertStub(`${name}()`);
    },
    construct() {
      return { apply() {} };
    },
  });
}

function withFallback(base, name) {
  return new Proxy(base, {
    get(target, property) {
      if (property in target) return target[property];
      // Not an ES module: compiled `import webpack from 'webpack'` (esModuleInterop) takes the whole stub.
      if (typeof property === 'symbol' || property === 'then' || property === '__esModule') return undefined;
      return inertStub(`${name}.${property}`);
    },
  });
}

const WebpackMF = recordingPlugin('ModuleFederationPlugin', 'webpack');
const EnhancedMF = recordingPlugin('ModuleFederationPlugin', '@module-federation/enhanced');
const NextMF = recordingPlugin('NextFederationPlugin', '@module-federation/nextjs-mf');
const UniversalMF = recordingPlugin('UniversalFederationPlugin', '@module-federation/node');

// Every other export of a federation package: recorded as not understood (its name and options).
// `main` is what `require(packageName)` itself is, when the package exports a class as the module
// (nextjs-mf 6 and 7: `const NextFederationPlugin = require('@module-federation/nextjs-mf')`).
function unknownExports(packageName, known, main = known) {
  return new Proxy(main, {
    get(target, property) {
      if (property in known) return known[property];
      if (target !== known && property in target) return target[property];
      if (typeof property === 'symbol' || property === 'then' || property === '__esModule') return undefined;
      const name = `${packageName}: ${String(property)}`;
      const record = (args) => {
        const options = args.find((arg) => arg && typeof arg === 'object') || {};
        records.push({ plugin: String(property), package: packageName, unknown: true, side: currentSide, options, frames: callSite() });
      };
      const wrapper = function wrapper(...args) {
        record(args);
        if (new.target) return { apply() {} };
        // Wrappers return the config they were given, or take it in a second call
        // (`withFederatedSidecar(options)(nextConfig)`): answer both shapes.
        const config = args.find((arg) => arg && typeof arg === 'object') || {};
        return new Proxy((next) => (next && typeof next === 'object' ? next : config), {
          get: (target, property) => (property in config ? config[property] : target[property]),
        });
      };
      return wrapper;
    },
  });
}

const nextStub = unknownExports('@module-federation/nextjs-mf', { NextFederationPlugin: NextMF, default: NextMF }, NextMF);
const nodeStub = unknownExports('@module-federation/node', {
  UniversalFederationPlugin: UniversalMF,
  NodeFederationPlugin: UniversalMF,
});

const webpackStub = withFallback(
  { container: withFallback({ ModuleFederationPlugin: WebpackMF }, 'webpack.container'), version: '5.0.0' },
  'webpack',
);
const enhancedStub = unknownExports('@module-federation/enhanced', {
  ModuleFederationPlugin: EnhancedMF,
  default: EnhancedMF,
  container: { ModuleFederationPlugin: EnhancedMF },
});
const workspaces = JSON.parse(process.env.FEDCTL_WORKSPACES || '{}');

function stubFor(request) {
  if (request === 'webpack') return webpackStub;
  if (request === 'webpack/lib/container/ModuleFederationPlugin') return WebpackMF;
  if (request.startsWith('webpack/')) return inertStub(request);
  if (request === '@module-federation/nextjs-mf') return nextStub;
  if (request === '@module-federation/node' || request.startsWith('@module-federation/node/')) return nodeStub;
  if (request === '@module-federation/enhanced' || request.startsWith('@module-federation/enhanced/')) {
    return enhancedStub;
  }
  if (request === '@module-federation/webpack-bundler-runtime' || request.startsWith('@module-federation/runtime')) {
    return inertStub(request);
  }
  if (request.startsWith('@module-federation/')) {
    const packageName = request.split('/').slice(0, 2).join('/');
    return unknownExports(packageName, {});
  }
  return null;
}

// `@scope/name/sub` -> the file of a workspace package, through its `exports`, `main` or the path.
function workspaceFile(request) {
  const parts = request.split('/');
  const nameLength = request.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const folder = workspaces[name];
  if (!folder) return null;
  const sub = parts.slice(nameLength).join('/');
  let manifest = {};
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
  } catch {
    // a workspace without a readable package.json resolves by path alone
  }
  const key = sub ? `./${sub}` : '.';
  let target = null;
  if (manifest.exports && typeof manifest.exports === 'object') {
    const entry = manifest.exports[key];
    target = typeof entry === 'string' ? entry : entry && (entry.require || entry.default || entry.node);
  }
  if (!target) target = sub || manifest.main || 'index.js';
  try {
    return require.resolve(path.resolve(folder, target));
  } catch {
    return null;
  }
}

function isBare(request) {
  return !request.startsWith('.') && !path.isAbsolute(request) && !request.startsWith('node:') &&
    !Module.builtinModules.includes(request);
}

const originalLoad = Module._load;
const originalResolve = Module._resolveFilename;

Module._load = function load(request, parent, isMain) {
  const stub = stubFor(request);
  if (stub) return stub;
  if (isBare(request)) {
    try {
      originalResolve.call(Module, request, parent, isMain);
    } catch (error) {
      if (error && error.code === 'MODULE_NOT_FOUND') {
        const local = workspaceFile(request);
        if (local) return originalLoad.call(this, local, parent, isMain);
        unresolved.add(request);
        return inertStub(request);
      }
      throw error;
    }
  }
  return originalLoad.apply(this, arguments);
};

// `require.resolve('some-loader')` in a config must not fail where the loader is not installed.
Module._resolveFilename = function resolveFilename(request, ...rest) {
  try {
    return originalResolve.call(this, request, ...rest);
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND' && isBare(request) && !stubFor(request)) {
      const local = workspaceFile(request);
      if (local) return local;
      unresolved.add(request);
      return request;
    }
    throw error;
  }
};

// ES module configs get the same stubs through a resolve/load hook.
globalThis.__fedctlStub = (request) => {
  const stub = stubFor(request);
  if (stub) return stub;
  unresolved.add(request);
  return inertStub(request);
};

function registerEsmHooks() {
  if (typeof Module.register !== 'function') return;
  const hooks = `
    const isStubbed = (s) => s === 'webpack' || s.startsWith('webpack/') || s.startsWith('@module-federation/');
    export async function resolve(specifier, context, next) {
      if (isStubbed(specifier)) return { url: 'fedctl-stub:' + specifier, shortCircuit: true };
      try {
        return await next(specifier, context);
      } catch (error) {
        const bare = !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.includes(':');
        if (bare && error && error.code === 'ERR_MODULE_NOT_FOUND') {
          return { url: 'fedctl-stub:' + specifier, shortCircuit: true };
        }
        throw error;
      }
    }
    export async function load(url, context, next) {
      if (url.startsWith('fedctl-stub:')) {
        const request = JSON.stringify(url.slice('fedctl-stub:'.length));
        return {
          format: 'module',
          shortCircuit: true,
          source: 'const m = globalThis.__fedctlStub(' + request + ');' +
            'export default m; export const ModuleFederationPlugin = m.ModuleFederationPlugin;' +
            'export const NextFederationPlugin = m.NextFederationPlugin; export const container = m.container;' +
            'export const UniversalFederationPlugin = m.UniversalFederationPlugin;' +
            'export const withFederatedSidecar = m.withFederatedSidecar;',
        };
      }
      return next(url, context);
    }`;
  Module.register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}

// A TypeScript config (`webpack.config.ts`, `next.config.ts`) is compiled to CommonJS the way
// webpack-cli and Next load it: with the repository's own `typescript`, transpile only, no type check.
function registerTypeScript(file) {
  let ts;
  try {
    ts = Module.createRequire(file)('typescript');
  } catch {
    ts = undefined;
  }
  // A package that is not installed loads as an inert stub (see Module._load above): not a compiler.
  if (!ts || ts[STUB_NAME] !== undefined || typeof ts.transpileModule !== 'function') {
    throw new Error(
      `${path.basename(file)} is TypeScript, and the package \`typescript\` that compiles it is not ` +
        'installed next to it (npm ci installs it)',
    );
  }
  const compile = (module, filename) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2020,
        esModuleInterop: true,
        jsx: ts.JsxEmit.React,
      },
    });
    module._compile(outputText, filename);
  };
  for (const extension of ['.ts', '.cts', '.mts']) require.extensions[extension] = compile;
}

async function loadConfig(file) {
  if (/\.[cm]?ts$/.test(file)) {
    registerTypeScript(file);
    const exported = require(file);
    return exported && exported.__esModule && 'default' in exported ? exported.default : exported;
  }
  if (/\.mjs$/.test(file) || isModulePackage(file)) {
    registerEsmHooks();
    const namespace = await import(pathToFileURL(file).href);
    return namespace.default ?? namespace;
  }
  const exported = require(file);
  return exported && exported.__esModule && 'default' in exported ? exported.default : exported;
}

function isModulePackage(file) {
  if (!file.endsWith('.js')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return JSON.parse(fs.readFileSync(manifest, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

function fakeWebpackConfig(isServer) {
  return {
    name: isServer ? 'server' : 'client',
    mode: 'production',
    target: isServer ? 'node' : 'web',
    plugins: [],
    resolve: { alias: {}, fallback: {} },
    output: {},
    module: { rules: [] },
    optimization: {},
    experiments: {},
    externals: [],
  };
}

async function evaluateNext(file) {
  let config = await loadConfig(file);
  if (typeof config === 'function') {
    config = await config('phase-production-build', { defaultConfig: {} });
  }
  if (!config || typeof config.webpack !== 'function') return;
  for (const isServer of [false, true]) {
    currentSide = isServer ? 'server' : 'client';
    await config.webpack(fakeWebpackConfig(isServer), {
      isServer,
      dev: false,
      buildId: 'fedctl-audit',
      dir: path.dirname(file),
      config,
      defaultLoaders: { babel: {} },
      nextRuntime: isServer ? 'nodejs' : undefined,
      webpack: webpackStub,
    });
  }
  currentSide = null;
}

async function evaluateWebpack(file) {
  currentSide = 'client';
  let config = await loadConfig(file);
  if (typeof config === 'function') {
    config = await config({}, { mode: 'production', env: {} });
  }
  const configs = Array.isArray(config) ? config : [config];
  const builds = [];
  for (let item of configs) {
    if (typeof item === 'function') item = await item({}, { mode: 'production', env: {} });
    if (item && typeof item === 'object') builds.push({ entry: item.entry, context: item.context });
  }
  return builds;
}

function sanitize(value, seen) {
  if (value === undefined) return undefined;
  if (value === null || ['boolean', 'number', 'string'].includes(typeof value)) return value;
  if (typeof value === 'function') {
    const stubName = value[STUB_NAME];
    if (stubName) return { $fedctlUnresolved: stubName };
    return { $fedctlFunction: value.name || 'anonymous' };
  }
  if (typeof value !== 'object') return String(value);
  if (value instanceof RegExp) return { $fedctlRegExp: String(value) };
  if (seen.has(value)) return { $fedctlCircular: true };
  seen.add(value);
  let result;
  if (Array.isArray(value)) {
    result = value.map((item) => {
      const clean = sanitize(item, seen);
      return clean === undefined ? null : clean;
    });
  } else {
    result = {};
    for (const [key, item] of Object.entries(value)) {
      const clean = sanitize(item, seen);
      if (clean !== undefined) result[key] = clean;
    }
  }
  seen.delete(value);
  return result;
}

async function main() {
  const file = path.resolve(configPath);
  let webpackBuilds = [];
  if (kind === 'next') await evaluateNext(file);
  else webpackBuilds = await evaluateWebpack(file);
  const result = {
    kind,
    plugins: records.map((record) => ({
      plugin: record.plugin,
      package: record.package,
      unknown: Boolean(record.unknown),
      side: record.plugin === 'UniversalFederationPlugin' && record.options && record.options.isServer ? 'server' : record.side,
      options: sanitize(record.options, new Set()),
      frames: record.frames,
    })),
    webpack: sanitize(webpackBuilds, new Set()),
    unresolved: [...unresolved].sort(),
  };
  fs.writeFileSync(outputPath, JSON.stringify(result));
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
