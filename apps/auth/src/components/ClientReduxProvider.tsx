import { useEffect, type ReactNode } from 'react';
import { startSession } from '@myapp/api';
import { Provider, store } from '@myapp/store';

/**
 * Used only by the standalone entry (bootstrap.tsx). The exposed Login and OTPVerify never wrap
 * themselves in a Provider: inside the host, the host's provider is already up the tree.
 */
export default function ClientReduxProvider({ children }: { children: ReactNode }) {
  // Restores the session from the httpOnly cookie and keeps its access token fresh (once per page).
  useEffect(startSession, []);
  return <Provider store={store}>{children}</Provider>;
}
