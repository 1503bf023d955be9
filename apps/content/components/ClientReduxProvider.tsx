'use client';
import type { ReactNode } from 'react';
import { Provider, store } from '@myapp/store';

/**
 * Used only by this remote's own pages/_app.tsx, when Content runs standalone. Inside the host,
 * the host's provider is the closest ancestor and the exposed components add none of their own.
 */
export default function ClientReduxProvider({ children }: { children: ReactNode }) {
  return <Provider store={store}>{children}</Provider>;
}
