import { combineReducers, configureStore, createAction } from '@reduxjs/toolkit';
import { cartSlice } from './features/cart/cartSlice';
import { chatSlice } from './features/chat/chatSlice';
import { ticketSlice } from './features/tickets/ticketSlice';
import { userSlice } from './features/user/userSlice';

/**
 * Resets every slice to its initial state, in every remote at once. Used by logout and by
 * developers who want a fresh store without a reload (gotcha 7).
 */
export const resetAll = createAction('RESET_ALL');

const sliceReducer = combineReducers({
  user: userSlice.reducer,
  cart: cartSlice.reducer,
  tickets: ticketSlice.reducer,
  chat: chatSlice.reducer,
});

export type RootState = ReturnType<typeof sliceReducer>;

function rootReducer(state: RootState | undefined, action: { type: string }): RootState {
  return sliceReducer(resetAll.match(action) ? undefined : state, action);
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

/** Where the browser keeps the access token between page loads (this origin only). */
export const SESSION_STORAGE_KEY = 'myapp.session';

function storage(globals: Window): Storage | undefined {
  try {
    return globals.localStorage ?? undefined;
  } catch {
    // Storage can be switched off (privacy settings): the session then lasts one page load.
    return undefined;
  }
}

/** The signed-in state a reload starts from: the saved token, to be re-validated by the app. */
function restoredSession(globals: Window): Partial<RootState> | undefined {
  const raw = storage(globals)?.getItem(SESSION_STORAGE_KEY);
  if (!raw) return undefined;
  try {
    const { at } = JSON.parse(raw) as { at?: unknown };
    if (typeof at !== 'string' || at === '') return undefined;
    return { user: { ...userSlice.getInitialState(), at, isLoggedIn: true } };
  } catch {
    console.warn(`[@myapp/store] ignoring an unreadable ${SESSION_STORAGE_KEY} entry`);
    return undefined;
  }
}

/** Saves the token whenever it changes, and forgets it on logout. */
function persistSession(store: AppStore, globals: Window): void {
  const saved = storage(globals);
  if (!saved) return;
  let last = selectToken(store.getState());
  store.subscribe(() => {
    const at = selectToken(store.getState());
    if (at === last) return;
    last = at;
    if (at) saved.setItem(SESSION_STORAGE_KEY, JSON.stringify({ at }));
    else saved.removeItem(SESSION_STORAGE_KEY);
  });
}

const selectToken = (state: RootState) => state.user.at;

let browserStore: AppStore | undefined;

/**
 * The browser's one store, created on first use. Importing this package creates nothing, so it
 * is safe in Node (next build evaluates pages that import it) and in unit tests.
 */
export function getStore(): AppStore {
  const globals = browserGlobals();
  if (!globals) {
    throw new Error(
      '@myapp/store: the browser store does not exist on the server. ' +
        'Render store-dependent UI on the client only, or build a per-request store with makeServerStore().',
    );
  }
  if (!browserStore) {
    browserStore = makeStore(restoredSession(globals));
    persistSession(browserStore, globals);
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
    const target = getStore();
    const value: unknown = Reflect.get(target, property);
    if (typeof value !== 'function') return value;
    if (!boundMethods.has(property)) {
      boundMethods.set(property, (value as (...args: unknown[]) => unknown).bind(target));
    }
    return boundMethods.get(property);
  },
});
