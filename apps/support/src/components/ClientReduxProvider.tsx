import type { ReactNode } from 'react';
import { Provider, store } from '@myapp/store';

/**
 * Used only by the standalone entry (bootstrap.tsx). The exposed SupportPage never wraps itself
 * in a Provider: inside the host, the host's provider is already up the tree.
 */
export default function ClientReduxProvider({ children }: { children: ReactNode }) {
  return <Provider store={store}>{children}</Provider>;
}
