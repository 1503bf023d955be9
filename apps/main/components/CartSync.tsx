import { useEffect } from 'react';
import { fetchCart, toStoreCart } from '@myapp/api';
import { initializeCart, selectIsLoggedIn, useAppDispatch, useAppSelector } from '@myapp/store';

/**
 * Loads the server's cart into the store when the user signs in, so every remote starts from
 * the cart the server keeps. Lives in the host's layout, which also makes the host the loader,
 * and so the provider, of @myapp/api before any remote starts.
 */
export default function CartSync() {
  const dispatch = useAppDispatch();
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  useEffect(() => {
    if (!isLoggedIn) return;
    const controller = new AbortController();
    fetchCart(controller.signal)
      .then((cart) => dispatch(initializeCart(toStoreCart(cart))))
      .catch((error: Error) => {
        if (error.name !== 'AbortError') console.warn('[main] the cart could not be loaded', error);
      });
    return () => controller.abort();
  }, [dispatch, isLoggedIn]);
  return null;
}
