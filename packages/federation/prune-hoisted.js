'use strict';
/**
 * Takes back out of the runtime chunks the modules Module Federation hoisted there although no
 * code uses them.
 *
 * @module-federation/enhanced's HoistContainerReferencesPlugin copies into every runtime chunk
 * (a host's webpack runtime, each remote's entry) every module its runtime, container entry and
 * remotes reach, following every dependency, including those webpack has switched off: an import
 * of a side-effect-free module whose exports nothing uses. So modules webpack had dropped come
 * back: the MF SDK's barrel, its manifest and Node loaders (node.js, generateSnapshotFromManifest,
 * dom.js...). Most of their code is then minified away, but not what they pull in for side
 * effects: in a Next build, the Node loader's `process` pulls Next's whole process polyfill
 * (~2 KB) into each remote entry. Checked against 2.9.2; upstream's hoisting has no check for
 * inactive connections (packages/enhanced/src/lib/container/HoistContainerReferencesPlugin.ts).
 *
 * A module is taken out of the runtime chunks when every connection to it is inactive (webpack's
 * own verdict) or comes from a module taken out, until nothing changes. Entry modules, modules
 * included by a plugin (a connection with no origin) and anything a live module uses stay.
 * Written by hand: no plugin does this; it only undoes what the hoisting added.
 */
const PLUGIN_NAME = 'PruneUnusedHoistedModules';

class PruneUnusedHoistedModules {
  apply(compiler) {
    compiler.hooks.compilation.tap(PLUGIN_NAME, (compilation) => {
      // After the hoisting (optimizeChunks, stage 11), before modules are concatenated.
      compilation.hooks.optimizeChunks.tap({ name: PLUGIN_NAME, stage: 20 }, (chunks) => {
        const runtimeChunks = [...chunks].filter((chunk) => chunk.hasRuntime());
        pruneUnused(compilation, runtimeChunks);
      });
    });
  }
}

/** Disconnects from `runtimeChunks` every module that nothing live uses; answers those removed. */
function pruneUnused(compilation, runtimeChunks) {
  const { chunkGraph, moduleGraph } = compilation;
  const inRuntimeChunks = new Set(runtimeChunks);
  const removed = new Set();
  const live = (connection) =>
    !connection.originModule ||
    (!removed.has(connection.originModule) &&
      chunkGraph.getNumberOfModuleChunks(connection.originModule) > 0 &&
      connection.getActiveState(undefined) !== false);
  let changed = true;
  while (changed) {
    changed = false;
    for (const chunk of runtimeChunks) {
      for (const module of [...chunkGraph.getChunkModulesIterable(chunk)]) {
        if (removed.has(module) || chunkGraph.isEntryModule(module)) continue;
        // Only what the hoisting put there: a module webpack placed in an ordinary chunk stays.
        if (!chunkGraph.getModuleChunks(module).every((other) => inRuntimeChunks.has(other))) continue;
        const incoming = [...moduleGraph.getIncomingConnections(module)];
        if (incoming.length === 0 || incoming.some(live)) continue;
        for (const runtimeChunk of runtimeChunks) {
          if (chunkGraph.isModuleInChunk(module, runtimeChunk)) chunkGraph.disconnectChunkAndModule(runtimeChunk, module);
        }
        removed.add(module);
        changed = true;
      }
    }
  }
  return removed;
}

module.exports = { PruneUnusedHoistedModules, pruneUnused };
