import { useEffect, type ReactNode } from 'react';
import { Provider } from 'react-redux';
import { store } from './store';

export interface StoreProviderProps {
  children: ReactNode;
  /** Runs once when the provider mounts (the shell starts the session here). */
  onStart?: () => void;
}

/**
 * The one provider of the one browser store. The host and every standalone entry mount it (through
 * @myapp/shell); exposed components never do: inside the host, this provider is up the tree.
 */
export function StoreProvider({ children, onStart }: StoreProviderProps) {
  useEffect(() => onStart?.(), [onStart]);
  return <Provider store={store}>{children}</Provider>;
}
