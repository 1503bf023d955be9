import { startSession } from '@myapp/api';
import { StoreProvider, type StoreProviderProps } from '@myapp/store';

/**
 * The store's one provider with the session started: restores the signed-in state from the
 * httpOnly cookie, keeps the access token fresh and follows the other tabs (once per page). The
 * host's `_app` (with the page's store: a server render's own, or the browser's made from the
 * server's state), the Next remotes' standalone `_app` and every standalone bootstrap mount this.
 */
export function ShopProvider(props: Omit<StoreProviderProps, 'onStart'>) {
  return <StoreProvider {...props} onStart={startSession} />;
}
