// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectTotalCartItems } from '@myapp/store';
import { fakeApi, json, renderWithProviders } from '@myapp/shell/testing';
import CartPage from './CartPage';

const signedIn = {
  user: {
    firstName: 'Ann', lastName: 'Lee', name: 'Ann', email: '', phoneNumber: '+15550000000', avatarUrl: null,
    at: 'token-1', isLoggedIn: true, sessionChecked: true, profileUpdating: false, address: null,
  },
};

const cart = (qty: number) => ({
  items: [{ productId: 'balm', name: 'Rose Lip Balm', price: 12.5, qty, image: '/balm.png', selected: true }],
  coupon: null,
  totals: { subtotal: 12.5 * qty, discount: 0, total: 12.5 * qty },
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CartPage', () => {
  it('shows a quantity change at once, then rolls it back with the server refusal', async () => {
    let refuse: ((response: Response) => void) | undefined;
    fakeApi((method) => (method === 'GET' ? json(200, cart(2)) : new Promise((resolve) => (refuse = resolve))));
    const { store } = renderWithProviders(<CartPage />, { preloadedState: signedIn });

    expect(await screen.findByTestId('cart-qty')).toHaveProperty('value', '2');
    fireEvent.click(screen.getByTestId('cart-qty-increase'));
    // Before the server answers: the page and the shared store (the host's badge) show 3.
    await waitFor(() => expect(screen.getByTestId('cart-qty')).toHaveProperty('value', '3'));
    expect(selectTotalCartItems(store.getState())).toBe(3);

    await waitFor(() => expect(refuse).toBeDefined());
    refuse?.(json(409, { detail: 'Only 2 left in stock' }));
    expect(await screen.findByText('Only 2 left in stock')).toBeTruthy();
    expect(screen.getByTestId('cart-qty')).toHaveProperty('value', '2');
    expect(selectTotalCartItems(store.getState())).toBe(2);
  });

  it('reads nothing when the cart is already in the shared cache', async () => {
    const calls = fakeApi(() => json(200, cart(1)));
    const first = renderWithProviders(<CartPage />, { preloadedState: signedIn });
    await screen.findByTestId('cart-qty');
    first.unmount();
    renderWithProviders(<CartPage />, { store: first.store });
    await screen.findByTestId('cart-qty');
    expect(calls.filter((call) => call.path === '/api/cart')).toHaveLength(1);
  });
});
