import { afterEach, describe, expect, it, vi } from 'vitest';
import { addToCart } from './features/cart/cartSlice';
import { clearUser, setAt, setIsLoggedIn, setSessionChecked } from './features/user/userSlice';
import { resetAll } from './store';

type TestWindow = { __myapp_store_count?: number; __myapp_store?: unknown; localStorage?: Storage };

/** A Map-backed Storage, enough for the store's session persistence. */
function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, String(value)),
  };
}

async function freshModule() {
  vi.resetModules();
  return import('./store');
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('makeStore', () => {
  it('builds independent stores with every slice', async () => {
    const { makeStore } = await freshModule();
    const first = makeStore();
    const second = makeStore({ user: { ...first.getState().user, isLoggedIn: true } });
    first.dispatch(addToCart({ id: 'a', name: 'A', price: 1, qty: 1 }));
    expect(Object.keys(first.getState()).sort()).toEqual(['cart', 'chat', 'shopApi', 'tickets', 'user']);
    expect(second.getState().cart.items).toEqual([]);
    expect(second.getState().user.isLoggedIn).toBe(true);
  });

  it('RESET_ALL alone, as typed in the console, empties the shop data and keeps the developer signed in', async () => {
    const { makeStore } = await freshModule();
    const store = makeStore();
    const initial = store.getState();
    store.dispatch(setAt({ at: 'token' }));
    store.dispatch(setIsLoggedIn({ isLoggedIn: true }));
    store.dispatch(addToCart({ id: 'a', name: 'A', price: 1, qty: 2 }));
    const user = store.getState().user;
    store.dispatch({ type: 'RESET_ALL' });
    expect(store.getState()).toEqual({ ...initial, user });
    store.dispatch(addToCart({ id: 'a', name: 'A', price: 1, qty: 2 }));
    store.dispatch(resetAll());
    expect(store.getState()).toEqual({ ...initial, user });
    expect(resetAll.type).toBe('RESET_ALL');
  });
});

describe('the browser singleton', () => {
  it('importing the package creates no store and touches no window (safe on the server)', async () => {
    vi.stubGlobal('window', undefined);
    const module = await freshModule();
    expect(() => module.getStore()).toThrow(/does not exist on the server/);
    expect(() => module.store.getState()).toThrow(/makeServerStore/);
    const perRequest = module.makeServerStore();
    expect(perRequest.getState().user.isLoggedIn).toBe(false);
    expect(module.makeServerStore()).not.toBe(perRequest);
  });

  it('is created once, on first use, and counted on window', async () => {
    const fakeWindow: TestWindow = {};
    vi.stubGlobal('window', fakeWindow);
    const module = await freshModule();
    expect(fakeWindow.__myapp_store_count).toBeUndefined();
    const first = module.getStore();
    expect(module.getStore()).toBe(first);
    module.store.dispatch(setIsLoggedIn({ isLoggedIn: true }));
    expect(first.getState().user.isLoggedIn).toBe(true);
    expect(fakeWindow.__myapp_store_count).toBe(1);
  });

  it('is created from the state a server render sent, and keeps its own state afterwards', async () => {
    const fakeWindow: TestWindow = {};
    vi.stubGlobal('window', fakeWindow);
    const module = await freshModule();
    // What a server store sends, through JSON as in the page.
    const serverState = JSON.parse(JSON.stringify(module.sliceReducer(undefined, setIsLoggedIn({ isLoggedIn: true }))));
    const first = module.getStore(serverState);
    expect(first.getState().user).toEqual(serverState.user);
    // A later page's state (a client-side navigation) does not replace the page's one store.
    expect(module.getStore(module.sliceReducer(undefined, { type: 'init' }))).toBe(first);
    expect(first.getState().user.isLoggedIn).toBe(true);
    expect(fakeWindow.__myapp_store_count).toBe(1);
  });

  it('is not created by tools that inspect the exports (React Refresh reads $$typeof)', async () => {
    const fakeWindow: TestWindow = {};
    vi.stubGlobal('window', fakeWindow);
    const module = await freshModule();
    expect((module.store as unknown as { $$typeof?: unknown }).$$typeof).toBeUndefined();
    expect(String(Object.prototype.toString.call(module.store))).toBe('[object Object]');
    expect(fakeWindow.__myapp_store_count).toBeUndefined();
  });

  it('hands out the same dispatch on every read, as a plain store does', async () => {
    vi.stubGlobal('window', {} satisfies TestWindow);
    const module = await freshModule();
    expect(module.store.dispatch).toBe(module.store.dispatch);
    expect(module.store.getState).toBe(module.store.getState);
  });

  it('a second store in the page is counted and warned about, naming the cause', async () => {
    const fakeWindow: TestWindow = {};
    vi.stubGlobal('window', fakeWindow);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const module = await freshModule();
    module.getStore();
    expect(warn).not.toHaveBeenCalled();
    // A second copy of the package, as a remote that bundled its own would have.
    const secondCopy = await freshModule();
    secondCopy.getStore();
    expect(fakeWindow.__myapp_store_count).toBe(2);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/2 Redux stores.*singleton.*gotcha 1/s));
  });

  it('is exposed as window.__myapp_store in development only', async () => {
    const devWindow: TestWindow = {};
    vi.stubGlobal('window', devWindow);
    vi.stubEnv('NODE_ENV', 'development');
    const dev = await freshModule();
    const devStore = dev.getStore();
    expect(devWindow.__myapp_store).toBe(devStore);

    const prodWindow: TestWindow = {};
    vi.stubGlobal('window', prodWindow);
    vi.stubEnv('NODE_ENV', 'production');
    const prod = await freshModule();
    prod.getStore();
    expect(prodWindow.__myapp_store).toBeUndefined();
    expect(prodWindow.__myapp_store_count).toBe(1);
  });
});

describe('the session across page loads', () => {
  it('keeps the token in memory only: nothing is written to storage', async () => {
    const localStorage = memoryStorage();
    vi.stubGlobal('window', { localStorage } satisfies TestWindow);
    const module = await freshModule();
    const { setAt } = await import('./features/user/userSlice');
    module.getStore().dispatch(setAt({ at: 'token-1' }));
    module.getStore().dispatch(setIsLoggedIn({ isLoggedIn: true }));
    expect(localStorage.length).toBe(0);
  });

  it('a new page starts signed out and unchecked, whatever an old version left in storage', async () => {
    const localStorage = memoryStorage({ 'myapp.session': JSON.stringify({ at: 'token-2' }) });
    vi.stubGlobal('window', { localStorage } satisfies TestWindow);
    const module = await freshModule();
    const { user } = module.getStore().getState();
    expect(user.at).toBeNull();
    expect(user.isLoggedIn).toBe(false);
    expect(user.sessionChecked).toBe(false);
  });

  it('resetAll then clearUser, as logout does, signs out and remembers that the session was checked', async () => {
    const module = await freshModule();
    const store = module.makeStore();
    const initial = store.getState();
    store.dispatch(setIsLoggedIn({ isLoggedIn: true }));
    store.dispatch(setSessionChecked({ sessionChecked: true }));
    store.dispatch(addToCart({ id: 'a', name: 'A', price: 1, qty: 1 }));
    store.dispatch(resetAll());
    store.dispatch(clearUser());
    expect(store.getState()).toEqual({ ...initial, user: { ...initial.user, sessionChecked: true } });
  });
});
