import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  makeStore,
  selectCart,
  selectTickets,
  selectUser,
  setAt,
  setIsLoggedIn,
  setSessionRenewal,
  type AppStore,
} from '@myapp/store';
import { fakeApi, json } from '@myapp/shell/testing';
import { toApiError } from './errors';
import { shopApi } from './shopApi';

const cart = (qty: number) => ({
  items: [{ productId: 'balm', name: 'Rose Lip Balm', price: 12.5, qty, image: '/balm.png', selected: true }],
  coupon: null,
  totals: { subtotal: 12.5 * qty, discount: 0, total: 12.5 * qty },
});

function signedIn(token = 'token-1'): AppStore {
  const store = makeStore();
  store.dispatch(setAt({ at: token }));
  store.dispatch(setIsLoggedIn({ isLoggedIn: true }));
  return store;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setSessionRenewal(null);
});

describe('the shared api cache', () => {
  it('reads a resource once for every reader, with the access token, and feeds the slices', async () => {
    const calls = fakeApi((_method, path) =>
      path === '/api/cart'
        ? json(200, cart(2))
        : json(200, [{ id: 1, subject: 'Late', message: 'Where?', status: 'open', createdAt: '2026-01-01' }]),
    );
    const store = signedIn();
    await store.dispatch(shopApi.endpoints.readCart.initiate());
    await store.dispatch(shopApi.endpoints.readCart.initiate()); // a second remote asking
    await store.dispatch(shopApi.endpoints.readTickets.initiate());
    expect(calls).toEqual([
      { method: 'GET', path: '/api/cart', auth: 'Bearer token-1' },
      { method: 'GET', path: '/api/tickets', auth: 'Bearer token-1' },
    ]);
    expect(selectCart(store.getState()).items).toEqual([
      { id: 'balm', name: 'Rose Lip Balm', price: 12.5, qty: 2, image: '/balm.png', selected: true },
    ]);
    expect(selectTickets(store.getState()).map((ticket) => ticket.subject)).toEqual(['Late']);
  });

  it('shows a cart change at once and keeps the server answer', async () => {
    let release: ((response: Response) => void) | undefined;
    fakeApi((method) => (method === 'GET' ? json(200, cart(1)) : new Promise((resolve) => (release = resolve))));
    const store = signedIn();
    await store.dispatch(shopApi.endpoints.readCart.initiate());
    const change = store.dispatch(
      shopApi.endpoints.updateCartItem.initiate({ productId: 'balm', cartItemUpdate: { qty: 5 } }),
    );
    // Before the server answered: every remote already sees 5.
    await vi.waitFor(() => expect(selectCart(store.getState()).items[0]?.qty).toBe(5));
    await vi.waitFor(() => expect(release).toBeDefined());
    release?.(json(200, cart(4)));
    await change;
    expect(selectCart(store.getState()).items[0]?.qty).toBe(4);
    expect(shopApi.endpoints.readCart.select()(store.getState()).data?.totals.total).toBe(50);
  });

  it('rolls a refused cart change back and says why', async () => {
    fakeApi((method) =>
      method === 'GET'
        ? json(200, cart(1))
        : json(422, { detail: [{ loc: ['body', 'qty'], msg: 'Input should be less than or equal to 99' }] }),
    );
    const store = signedIn();
    await store.dispatch(shopApi.endpoints.readCart.initiate());
    const result = await store.dispatch(
      shopApi.endpoints.updateCartItem.initiate({ productId: 'balm', cartItemUpdate: { qty: 150 } }),
    );
    expect(selectCart(store.getState()).items[0]?.qty).toBe(1);
    expect(toApiError(result.error).message).toBe('qty: Input should be less than or equal to 99');
  });

  it('on 401 renews the session once and repeats the call with the new token', async () => {
    const calls = fakeApi(() =>
      calls.length === 1 ? json(401, { detail: 'Token expired' }) : json(200, { id: 1, name: 'Ann', phoneNumber: null }),
    );
    const store = signedIn('old');
    const renew = vi.fn(async () => {
      store.dispatch(setAt({ at: 'new' }));
      return 'new';
    });
    setSessionRenewal(renew);
    await store.dispatch(shopApi.endpoints.readMe.initiate());
    expect(renew).toHaveBeenCalledTimes(1);
    expect(calls.map((call) => call.auth)).toEqual(['Bearer old', 'Bearer new']);
    expect(selectUser(store.getState()).name).toBe('Ann');
  });

  it('on 401 without a session to renew, answers with the refusal and does not retry', async () => {
    const calls = fakeApi(() => json(401, { detail: 'Session ended' }));
    const store = signedIn();
    setSessionRenewal(async () => null);
    const result = await store.dispatch(shopApi.endpoints.readMe.initiate());
    expect(calls).toHaveLength(1);
    expect(toApiError(result.error).message).toBe('Session ended');
  });
});
