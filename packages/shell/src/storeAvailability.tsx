import { createContext, useContext, type ReactNode } from 'react';

/**
 * Whether a store Provider is above this point of the tree. In the host one always is (its
 * provider wraps every page), hence the default. A Next remote's standalone pages are first
 * rendered without one, on the server and in the browser until the client-only provider has
 * loaded (see `standaloneNextApp`), and mark that part of the tree with <WithoutStore>.
 */
const StoreAvailableContext = createContext(true);

export function WithoutStore({ children }: { children: ReactNode }) {
  return <StoreAvailableContext.Provider value={false}>{children}</StoreAvailableContext.Provider>;
}

/** True where components may read the store (`useAppSelector`) during render. */
export function useStoreAvailable(): boolean {
  return useContext(StoreAvailableContext);
}
