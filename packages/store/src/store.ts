import { combineSlices, configureStore, createAction } from '@reduxjs/toolkit';
import { baseApi } from './api';
import { setupShopListeners } from './listeners';
import { cartSlice } from './features/cart/cartSlice';
import { chatSlice } from './features/chat/chatSlice';
import { ticketSlice } from './features/tickets/ticketSlice';
import { userSlice } from './features/user/userSlice';

/**
 * Resets every slice to its initial state, in every remote at once, and empties the api's cache:
 * a developer's fresh store without a reload (gotcha 7: `resetAll()`, or `{ type: 'RESET_ALL' }`
 * from the console). The signed-in user stays, so the developer stays signed in and the remotes
 * read their data again with the same token; to be signed out as well, dispatch `clearUser()`
 * after it, as logout does (@myapp/api's session).
 */
export const resetAll = createAction('RESET_ALL');

/**
 * Slices a remote brings later (`rootReducer.inject(slice)`): declare them by augmenting this
 * interface from the package that injects them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LazyLoadedSlices {}

/**
 * The reference's four slices and the api's cache (`shopApi`), in one reducer. The api is part of
 * the store from the start, not injected later: the store package is a strict singleton, so every
 * store (the browser's one, each server request's) has the cache and its middleware before the
 * first query runs. The generated endpoints are injected into the api itself (@myapp/api).
 */
export const sliceReducer = combineSlices(userSlice, cartSlice, ticketSlice, chatSlice, baseApi).withLazyLoadedSlices<LazyLoadedSlices>();

export type RootState = ReturnType<typeof sliceReducer>;

function rootReducer(state: RootState | undefined, action: { type: string }): RootState {
  if (!resetAll.match(action)) return sliceReducer(state, action);
  // Every slice to its start, the api's cache emptied the way the api itself does it.
  const fresh = { ...sliceReducer(undefined, action), shopApi: baseApi.reducer(state?.shopApi, baseApi.util.resetApiState()) };
  // The session is not shop data: a reset keeps who is signed in (and whether the page has asked
  // the server yet, so no shell goes back to its skeleton). Logout clears the user on its own.
  return state ? { ...fresh, user: state.user } : fresh;
}

const isDevelopment = process.env.NODE_ENV === 'development';

/** Globals the store package writes on the page; declared here so nothing else guesses names. */
interface StoreGlobals {
  __myapp_store_count?: number;
  __myapp_store?: AppStore;
}

function browserGlobals(): (Window & StoreGlobals) | undefined {
  return typeof window === 'undefined' ? undefined : (window as Window & StoreGlobals);
}

/**
 * Counts every store created in this browser page, whichever copy of this package created it:
 * the counter lives on `window`, not in a module variable, so a remote that bundled its own copy
 * of the store package is still counted. More than one store means the singleton negotiation
 * failed, and every "I logged in but the other remote shows Login" bug starts there.
 */
function countBrowserStore(): void {
  const globals = browserGlobals();
  if (!globals) return;
  const count = (globals.__myapp_store_count ?? 0) + 1;
  globals.__myapp_store_count = count;
  if (count > 1) {
    console.warn(
      `[@myapp/store] ${count} Redux stores now exist in this page; there must be one. ` +
        'A container is not sharing @myapp/store as a singleton, or imports react-redux / ' +
        'creates a store itself instead of going through @myapp/store (gotcha 1).',
    );
  }
}

/** Builds a new store. Prefer `store` in the browser and `makeServerStore()` on the server. */
export function makeStore(preloadedState?: Partial<RootState>) {
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: preloadedState as RootState | undefined,
    middleware: (getDefault) => getDefault().concat(baseApi.middleware),
    devTools: isDevelopment ? { name: '@myapp/store' } : false,
  });
  countBrowserStore();
  return store;
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];

/**
 * A store for one server request. The server never keeps a store between requests: two
 * visitors rendered at the same time must not see each other's state.
 */
export function makeServerStore(preloadedState?: Partial<RootState>): AppStore {
  return makeStore(preloadedState);
}

let browserStore: AppStore | undefined;

/**
 * The browser's one store, created on first use. Importing this package creates nothing, so it
 * is safe in Node (next build evaluates pages that import it) and in unit tests.
 *
 * A server-rendered page passes the state its server store ended with (serialized into the page):
 * the browser's store is then created FROM it before hydration, so the first client render is the
 * server's. Once the store exists, the argument is ignored: a client-side navigation keeps the
 * page's one store and everything it learned since.
 */
export function getStore(serverState?: Partial<RootState>): AppStore {
  const globals = browserGlobals();
  if (!globals) {
    throw new Error(
      '@myapp/store: the browser store does not exist on the server. ' +
        'Render store-dependent UI on the client only, or build a per-request store with makeServerStore().',
    );
  }
  if (!browserStore) {
    // Nothing is restored from storage: no credential is kept where page scripts can read it.
    // @myapp/api restores the session from the httpOnly cookie instead.
    browserStore = makeStore(serverState);
    // Focus (after a while away) and reconnect events, for the api's refetchOnFocus / refetchOnReconnect.
    setupShopListeners(browserStore.dispatch);
    // Development only: in production this would hand user state to every third-party script.
    if (isDevelopment) globals.__myapp_store = browserStore;
  }
  return browserStore;
}

/** Methods of the browser store, bound once so each keeps its identity across reads. */
const boundMethods = new Map<PropertyKey, unknown>();

/**
 * The browser singleton as a value (`<Provider store={store}>`). Every property read goes to
 * `getStore()`, so the real store is created when it is first used, not when this module loads.
 * Methods are bound once: `store.dispatch` is the same function on every read, as with a plain
 * store, so hooks and effects that depend on it do not re-run.
 */
export const store: AppStore = new Proxy({} as AppStore, {
  get(_target, property) {
    // Tools that inspect every export of a module (React Refresh reads `$$typeof` of each, in
    // development) must not create the store: it would be made before a server-rendered page
    // hands getStore() its state, and start empty. No store property is a symbol or `$$typeof`.
    if (typeof property === 'symbol' || property === '$$typeof') return undefined;
    const target = getStore();
    const value: unknown = Reflect.get(target, property);
    if (typeof value !== 'function') return value;
    if (!boundMethods.has(property)) {
      boundMethods.set(property, (value as (...args: unknown[]) => unknown).bind(target));
    }
    return boundMethods.get(property);
  },
});
