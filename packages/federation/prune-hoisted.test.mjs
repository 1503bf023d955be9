// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const webpack = require('webpack');
const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
const { PruneUnusedHoistedModules } = require('./prune-hoisted.js');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prune-hoisted-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
fs.writeFileSync(path.join(work, 'Thing.js'), 'export default function thing() { return 42; }\n');
fs.writeFileSync(path.join(work, 'process-polyfill.js'), 'module.exports = { env: {}, nextTick() {} };\n');

/**
 * A minimal remote, built in production mode as ours are: its container entry's modules (the
 * runtime chunk), by resource. `process` is provided as Next provides it in browser builds.
 */
function build(name, plugins) {
  const config = {
    mode: 'production',
    context: work,
    entry: {},
    devtool: false,
    output: { path: path.join(work, name), publicPath: 'auto', uniqueName: name },
    plugins: [
      new ModuleFederationPlugin({
        name,
        filename: 'remoteEntry.js',
        exposes: { './Thing': './Thing.js' },
        dts: false,
        manifest: false,
        // As our remotes are built: the host's federation runtime, a browser target.
        experiments: { externalRuntime: true, optimization: { disableSnapshot: true, target: 'web' } },
      }),
      new webpack.ProvidePlugin({ process: [path.join(work, 'process-polyfill.js')] }),
      ...plugins,
    ],
  };
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      const { chunkGraph } = stats.compilation;
      const entry = [...stats.compilation.chunks].find((chunk) => chunk.name === name);
      const resources = [...chunkGraph.getChunkModulesIterable(entry)].flatMap((module) =>
        (module.modules ?? [module]).map((inner) => (inner.resource ?? '').replace(/\\/g, '/')),
      );
      resolve(resources);
    });
  });
}

const has = (resources, pattern) => resources.some((resource) => pattern.test(resource));
const SDK_NODE_LOADER = /@module-federation\/sdk\/dist\/node\.js$/;
const PROCESS_POLYFILL = /process-polyfill\.js$/;
const BUNDLER_RUNTIME = /@module-federation\/webpack-bundler-runtime\/dist\//;

describe('PruneUnusedHoistedModules', () => {
  it('finds the waste it removes: modules nothing uses, hoisted into the container entry', async () => {
    // If this fails, upstream's hoisting stopped adding unused modules: the plugin can go.
    const resources = await build('unpruned', []);
    expect(has(resources, SDK_NODE_LOADER)).toBe(true);
    expect(has(resources, PROCESS_POLYFILL)).toBe(true);
  }, 60_000);

  it('takes them back out, with what they pulled in, and keeps the runtime the entry uses', async () => {
    const resources = await build('pruned', [new PruneUnusedHoistedModules()]);
    expect(has(resources, SDK_NODE_LOADER)).toBe(false);
    expect(has(resources, PROCESS_POLYFILL)).toBe(false);
    expect(has(resources, BUNDLER_RUNTIME)).toBe(true);
  }, 60_000);
});
