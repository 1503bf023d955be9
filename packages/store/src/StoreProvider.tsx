import { useEffect, type ReactNode } from 'react';
import { Provider } from 'react-redux';
import { store as browserStore, type AppStore, type RootState } from './store';

export interface StoreProviderProps {
  children: ReactNode;
  /** Runs once when the provider mounts (the shell starts the session here). */
  onStart?: () => void;
  /**
   * The store to provide: a server render's own (`makeServerStore()`), or the browser's one
   * created from the server's state (`getStore(serverState)`). The browser singleton by default.
   */
  store?: AppStore;
  /** The state the server rendered with: hydration reads it, so the first render matches the HTML. */
  serverState?: RootState;
}

/**
 * The one provider of the one browser store (or of a server request's own store). The host and
 * every standalone entry mount it (through @myapp/shell); exposed components never do: inside
 * the host, this provider is up the tree.
 */
export function StoreProvider({ children, onStart, store = browserStore, serverState }: StoreProviderProps) {
  useEffect(() => onStart?.(), [onStart]);
  return (
    <Provider store={store} serverState={serverState}>
      {children}
    </Provider>
  );
}
