'use strict';
/**
 * One Module Federation runtime per page: the host's.
 *
 * Every container bundles the federation runtime (@module-federation/runtime-core, ~60 KB
 * minified) unless told otherwise, so a page with a host and two remotes ran three copies of it.
 * Module Federation's own pair of options shares one: the host, a pure consumer, publishes its
 * runtime as `globalThis._FEDERATION_RUNTIME_CORE` (`experiments.provideExternalRuntime`), and a
 * remote's build reads it from there instead of bundling its own (`experiments.externalRuntime`).
 *
 * A remote's own pages (its standalone entry, for development) have no host to publish it. This
 * plugin adds to each remote's browser build a script that does, built from the same installed
 * runtime-core with the same compile-time flags as the host's (see `runtimeDefines`); the
 * standalone page loads it before its own scripts (webpack.js's page, @myapp/shell/document).
 *
 * By hand because no published tool emits this file: Module Federation's plugin only makes the
 * runtime external, and a webpack entry inside the remote's own build would itself start with the
 * external runtime it is meant to define. esbuild (the React remotes' transpiler) bundles it.
 */
const federation = require('./index.js');

/** A webpack plugin: emits `filename` (relative to the build's output folder) into the build. */
class StandaloneRuntimePlugin {
  constructor(filename) {
    this.filename = filename;
  }

  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap(StandaloneRuntimePlugin.name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: StandaloneRuntimePlugin.name, stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => compilation.emitAsset(this.filename, new RawSource(standaloneRuntimeSource())),
      );
    });
  }
}

let source;

/** The script: the installed runtime-core, minified, published where external runtimes look. */
function standaloneRuntimeSource() {
  if (source !== undefined) return source;
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    stdin: {
      contents: [
        "import * as runtimeCore from '@module-federation/runtime-core';",
        `globalThis.${federation.EXTERNAL_RUNTIME_GLOBAL} = globalThis.${federation.EXTERNAL_RUNTIME_GLOBAL} || runtimeCore;`,
      ].join('\n'),
      resolveDir: __dirname,
      sourcefile: federation.fileName('standaloneRuntime'),
    },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    legalComments: 'none',
    write: false,
    define: federation.runtimeDefines(),
  });
  source = result.outputFiles[0].text;
  return source;
}

module.exports = { StandaloneRuntimePlugin, standaloneRuntimeSource };
