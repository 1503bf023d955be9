import { useEffect } from 'react';
import { fetchCart, fetchMe, fetchTickets, toStoreCart } from '@myapp/api';
import { initializeCart, selectIsLoggedIn, setTickets, setUser, useAppDispatch, useAppSelector } from '@myapp/store';

/**
 * Whenever a user is signed in (after a login, or a reload that restored the saved token), reads
 * their profile, their server-side cart and their tickets into the store, so every remote starts from what the
 * server keeps. An expired token answers 401, and @myapp/api then signs the user out everywhere.
 *
 * It lives in the host's layout, which also makes the host load @myapp/api before any remote
 * starts: the host, not a remote, is then the provider of that shared package.
 */
export default function SessionSync() {
  const dispatch = useAppDispatch();
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  useEffect(() => {
    if (!isLoggedIn) return;
    const controller = new AbortController();
    Promise.all([fetchMe(controller.signal), fetchCart(controller.signal), fetchTickets(controller.signal)])
      .then(([me, cart, tickets]) => {
        dispatch(setUser(me));
        dispatch(initializeCart(toStoreCart(cart)));
        dispatch(setTickets(tickets));
      })
      .catch((error: Error) => {
        if (error.name !== 'AbortError') console.warn('[main] the session could not be loaded', error);
      });
    return () => controller.abort();
  }, [dispatch, isLoggedIn]);
  return null;
}
