import { setupListeners } from '@reduxjs/toolkit/query/react';

/**
 * How long the page must have been away (tab hidden, window blurred) before coming back reads
 * the queries it shows again. RTK Query's `refetchOnFocus` alone refetches on every focus, so
 * switching to another window for a second and back would read everything again.
 */
export const REFETCH_AFTER_AWAY_MS = 60_000;

type Dispatch = Parameters<typeof setupListeners>[0];

/**
 * RTK Query's window listeners (`setupListeners`, through its documented custom handler) with one
 * change: the focus that makes the api refetch (`refetchOnFocus`) is passed on only after the
 * page was away for REFETCH_AFTER_AWAY_MS. Reconnecting still refetches at once.
 * Returns the function that removes the listeners.
 */
export function setupShopListeners(dispatch: Dispatch, now: () => number = () => Date.now()): () => void {
  return setupListeners(dispatch, (send, { onFocus, onFocusLost, onOnline, onOffline }) => {
    // As RTK's own handler: nothing to listen to without a window (Node, a stubbed test window).
    if (typeof window === 'undefined' || !window.addEventListener) return () => undefined;
    let awaySince: number | null = null;
    const leave = () => {
      awaySince ??= now();
      send(onFocusLost());
    };
    const back = () => {
      // Both `visibilitychange` and `focus` announce a return: the first one decides.
      if (awaySince === null) return;
      const away = now() - awaySince;
      awaySince = null;
      if (away >= REFETCH_AFTER_AWAY_MS) send(onFocus());
    };
    const visibility = () => (document.visibilityState === 'visible' ? back() : leave());
    const online = () => send(onOnline());
    const offline = () => send(onOffline());
    const listeners: [string, () => void][] = [
      ['visibilitychange', visibility],
      ['blur', leave],
      ['focus', back],
      ['online', online],
      ['offline', offline],
    ];
    for (const [event, listener] of listeners) window.addEventListener(event, listener, false);
    return () => {
      for (const [event, listener] of listeners) window.removeEventListener(event, listener);
    };
  });
}
