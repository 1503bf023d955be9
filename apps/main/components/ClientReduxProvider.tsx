'use client';
import { useEffect, type ReactNode } from 'react';
import { startSession } from '@myapp/api';
import { Provider, store } from '@myapp/store';

/**
 * Provides the one browser store to the whole host. `_app` loads this file with next/dynamic
 * and `ssr: false`: the store and the federated containers exist only in the browser.
 */
export default function ClientReduxProvider({ children }: { children: ReactNode }) {
  // Restores the session from the httpOnly cookie and keeps its access token fresh (once per page).
  useEffect(startSession, []);
  return <Provider store={store}>{children}</Provider>;
}
