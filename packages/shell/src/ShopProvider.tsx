import type { ReactNode } from 'react';
import { startSession } from '@myapp/api';
import { StoreProvider } from '@myapp/store';

/**
 * The store's one provider with the session started: restores the signed-in state from the
 * httpOnly cookie, keeps the access token fresh and follows the other tabs (once per page). The
 * host's `_app`, the Next remotes' standalone `_app` and every standalone bootstrap mount this.
 */
export function ShopProvider({ children }: { children: ReactNode }) {
  return <StoreProvider onStart={startSession}>{children}</StoreProvider>;
}
