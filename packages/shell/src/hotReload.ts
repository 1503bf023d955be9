/**
 * Development only: @myapp/federation/webpack adds this module to every entry of a React remote's
 * development build (its standalone page and its remoteEntry.js).
 *
 * React Refresh swaps an edited component in place only in a page that runs React's development
 * build, whose renderer can re-render a component with its new code (`scheduleRefresh`). A host
 * serving its production build (`fedctl dev cart`: the host from its build, Cart live) cannot: the
 * update would be applied and never shown. There the page reloads instead, and says why.
 */

/** The part of webpack's `import.meta.webpackHot` used here. */
interface HotModuleApi {
  addStatusHandler(handler: (status: string) => void): void;
}

/**
 * Whether the page's React is a production build, which cannot swap components in place: its
 * fibers (found on any element React rendered, `__reactFiber$...`) carry no `_debugOwner`, which
 * React's development build gives every fiber. React exposes no flag for this (the DevTools hook's
 * renderer list is empty without the DevTools extension). Null: no React element in the page yet.
 */
export function isProductionReact(root: ParentNode): boolean | null {
  for (const element of root.querySelectorAll('*')) {
    const key = Object.keys(element).find((name) => name.startsWith('__reactFiber$'));
    if (key) return !('_debugOwner' in (element as unknown as Record<string, object>)[key]!);
  }
  return null;
}

export const RELOAD_REASON =
  "[hot reload] this page runs React's production build, which cannot swap an edited component in place: " +
  'reloading the page. Run the host in development too (make dev APP="main <app>") to keep the page and its store.';

const hot = (import.meta as ImportMeta & { webpackHot?: HotModuleApi }).webpackHot;
hot?.addStatusHandler((status) => {
  if (status === 'apply' && isProductionReact(document.body) === true) {
    console.info(RELOAD_REASON);
    window.location.reload();
  }
});
