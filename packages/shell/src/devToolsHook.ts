/**
 * Development only: @myapp/federation/next puts this module first in a Next app's `react-refresh`
 * entry, so it runs before React Refresh and React DOM start.
 *
 * React DOM registers its renderer with React DevTools' global hook. Without the DevTools
 * extension, the first React Refresh runtime of the page (Next's) makes a stand-in hook that
 * keeps no list of renderers, and a React Refresh runtime that starts later, a React remote's
 * (with its remoteEntry.js), then finds no renderer to refresh with: an edited component of that
 * remote would be applied and never shown. This stand-in keeps the list, as the extension's
 * own hook does, so every runtime of the page finds React DOM. With the extension installed, its
 * hook is there first and this does nothing.
 */

interface DevToolsHook {
  renderers: Map<number, unknown>;
  supportsFiber: boolean;
  inject(renderer: unknown): number;
  onScheduleFiberRoot(): void;
  onCommitFiberRoot(): void;
  onCommitFiberUnmount(): void;
}

const scope = window as Window & { __REACT_DEVTOOLS_GLOBAL_HOOK__?: DevToolsHook };
if (!scope.__REACT_DEVTOOLS_GLOBAL_HOOK__) {
  const renderers = new Map<number, unknown>();
  scope.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers,
    supportsFiber: true,
    inject(renderer) {
      const id = renderers.size + 1;
      renderers.set(id, renderer);
      return id;
    },
    onScheduleFiberRoot() {},
    onCommitFiberRoot() {},
    onCommitFiberUnmount() {},
  };
}

export {};
