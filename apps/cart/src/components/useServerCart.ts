import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchCart, toStoreCart, type CartTotals, type ServerCart } from '@myapp/api';
import {
  initializeCart,
  selectIsLoggedIn,
  useAppSelector,
  useAppStore,
  type AppDispatch,
} from '@myapp/store';

/** One change to the cart: what the store may show at once, and the call that makes it real. */
export interface CartChange {
  /** A store action dispatched before the server answers, so every remote shows the change at once. */
  optimistic?: Parameters<AppDispatch>[0];
  /** The @myapp/api call; its answer (the whole cart) becomes the truth. */
  send: () => Promise<ServerCart>;
  /** Where a refusal is shown: coupon problems next to the coupon field, the rest above the cart. */
  reportTo?: 'cart' | 'coupon';
}

export interface ServerCartSync {
  /** The server's totals from its latest answer; null until the first one arrives. */
  totals: CartTotals | null;
  /** True while the first read is under way (or being retried). */
  loading: boolean;
  /** Why the cart could not be read or changed, as the server (or the network) put it. */
  error: string | null;
  couponError: string | null;
  /** How many changes are waiting for the server. */
  pending: number;
  perform: (change: CartChange) => Promise<boolean>;
  retry: () => void;
}

function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

function isAbort(failure: unknown): boolean {
  return failure instanceof Error && failure.name === 'AbortError';
}

/**
 * Keeps the store's cart equal to the server's. The cart is read whenever someone is signed in;
 * every change is sent through @myapp/api and the server's answer replaces the store's cart, so
 * the host's badge and every other remote follow. Changes go to the server one after another, in
 * the order they were made, so the last answer always describes the last change.
 */
export function useServerCart(): ServerCartSync {
  // Effects and callbacks below are keyed on the store, one stable object, so the cart is read
  // again only when the person signs in or asks to retry, never because the cart changed.
  const store = useAppStore();
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const [totals, setTotals] = useState<CartTotals | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [couponError, setCouponError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const latestChange = useRef(0);

  const accept = useCallback(
    (cart: ServerCart) => {
      store.dispatch(initializeCart(toStoreCart(cart)));
      setTotals(cart.totals);
    },
    [store],
  );

  useEffect(() => {
    if (!isLoggedIn) {
      setTotals(null);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    fetchCart(controller.signal)
      .then((cart) => {
        accept(cart);
        setLoading(false);
      })
      .catch((failure: unknown) => {
        // Aborted means the page left or the person signed out: nobody waits for this answer.
        if (isAbort(failure)) return;
        setError(messageOf(failure));
        setLoading(false);
      });
    return () => controller.abort();
  }, [isLoggedIn, attempt, accept]);

  const perform = useCallback(
    (change: CartChange): Promise<boolean> => {
      const id = ++latestChange.current;
      const report = change.reportTo === 'coupon' ? setCouponError : setError;
      setError(null);
      setCouponError(null);
      if (change.optimistic) store.dispatch(change.optimistic);
      setPending((count) => count + 1);
      const done = queue.current.then(async () => {
        try {
          const cart = await change.send();
          // A later change is queued: its answer will include this one, and applying this one
          // first would briefly undo what the store already shows for the later one.
          if (id === latestChange.current) accept(cart);
          return true;
        } catch (failure) {
          report(messageOf(failure));
          if (id === latestChange.current) {
            // The optimistic change may not have happened: show what the server really keeps.
            try {
              accept(await fetchCart());
            } catch (resyncFailure) {
              const reloadFailure = `The cart could not be reloaded: ${messageOf(resyncFailure)}`;
              setError((current) => (current ? `${current} ${reloadFailure}` : reloadFailure));
            }
          }
          return false;
        } finally {
          setPending((count) => count - 1);
        }
      });
      queue.current = done;
      return done;
    },
    [accept, store],
  );

  const retry = useCallback(() => setAttempt((count) => count + 1), []);

  return { totals, loading, error, couponError, pending, perform, retry };
}
