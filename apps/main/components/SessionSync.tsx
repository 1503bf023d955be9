import { useEffect, useState } from 'react';
import { fetchCart, fetchMe, fetchTickets, toStoreCart } from '@myapp/api';
import { initializeCart, selectIsLoggedIn, setTickets, setUser, useAppDispatch, useAppSelector } from '@myapp/store';

/**
 * Whenever a user is signed in (after a login, or a reload that restored the session from its
 * cookie), reads their profile, their server-side cart and their tickets into the store, so every
 * remote starts from what the server keeps. A session that ended answers 401, and @myapp/api then
 * signs the user out everywhere.
 *
 * It lives in the host's layout, which also makes the host load @myapp/api before any remote
 * starts: the host, not a remote, is then the provider of that shared package.
 */
export default function SessionSync() {
  const dispatch = useAppDispatch();
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setProblem(null);
    if (!isLoggedIn) return;
    const controller = new AbortController();
    Promise.all([fetchMe(controller.signal), fetchCart(controller.signal), fetchTickets(controller.signal)])
      .then(([me, cart, tickets]) => {
        dispatch(setUser(me));
        dispatch(initializeCart(toStoreCart(cart)));
        dispatch(setTickets(tickets));
      })
      .catch((error: Error) => {
        // A 401 has already signed the user out (@myapp/api); anything else is worth telling.
        if (error.name !== 'AbortError') setProblem(error.message);
      });
    return () => controller.abort();
  }, [dispatch, isLoggedIn]);
  if (!problem || !isLoggedIn) return null;
  return (
    <p role="alert" data-testid="session-error" className="session-error">
      Your account, cart and tickets could not be loaded: {problem}
    </p>
  );
}
