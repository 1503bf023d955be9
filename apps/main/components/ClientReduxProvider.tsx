'use client';
import type { ReactNode } from 'react';
import { Provider, store } from '@myapp/store';

/**
 * Provides the one browser store to the whole host. `_app` loads this file with next/dynamic
 * and `ssr: false`: the store and the federated containers exist only in the browser.
 */
export default function ClientReduxProvider({ children }: { children: ReactNode }) {
  return <Provider store={store}>{children}</Provider>;
}
