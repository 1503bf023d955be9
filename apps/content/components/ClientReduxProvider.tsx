'use client';
import { useEffect, type ReactNode } from 'react';
import { startSession } from '@myapp/api';
import { Provider, store } from '@myapp/store';

/**
 * Used only by this remote's own pages/_app.tsx, when Content runs standalone. Inside the host,
 * the host's provider is the closest ancestor and the exposed components add none of their own.
 */
export default function ClientReduxProvider({ children }: { children: ReactNode }) {
  // Restores the session from the httpOnly cookie and keeps its access token fresh (once per page).
  useEffect(startSession, []);
  return <Provider store={store}>{children}</Provider>;
}
