'use strict';
/**
 * A webpack loader for one module: nextjs-mf's runtime plugin
 * (@module-federation/nextjs-mf/dist/src/plugins/container/runtimePlugin.js).
 *
 * Its `beforeInit` reads the global object with `new Function("return globalThis")()` and falls
 * back to `globalThis` when that throws. Under the edge's Content-Security-Policy (no
 * 'unsafe-eval') it always throws, and the browser reports a CSP violation on every page of the
 * host. This loader hands it `globalThis` straight away, which is what its fallback uses. No
 * option of nextjs-mf turns the probe off, hence the loader. If the code it looks for is gone (a
 * nextjs-mf upgrade), the build fails, so the change is looked at instead of shipped unnoticed.
 */
const EVAL_GLOBAL = /new Function\((["'])return globalThis\1\)\(\)/g;

module.exports = function cspSafeRuntimeLoader(source) {
  if (!EVAL_GLOBAL.test(source)) {
    this.emitError(
      new Error(`${this.resourcePath}: nextjs-mf no longer reads globalThis through new Function; review csp-safe-runtime-loader.js`),
    );
    return source;
  }
  EVAL_GLOBAL.lastIndex = 0;
  return source.replace(EVAL_GLOBAL, 'globalThis');
};
