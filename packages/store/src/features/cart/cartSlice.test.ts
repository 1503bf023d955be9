import { describe, expect, it } from 'vitest';
import { makeStore } from '../../store';
import {
  addToCart,
  applyCoupon,
  clearCart,
  deselectItem,
  initializeCart,
  removeCoupon,
  removeFromCart,
  selectAllItems,
  selectCart,
  selectCartItems,
  selectCoupon,
  selectItem,
  selectSelectedCartItems,
  selectTotalCartItems,
  setTotalItems,
  updateQuantity,
} from './cartSlice';

const balm = { id: 'rose-lip-balm', name: 'Rose Lip Balm', price: 12.5, qty: 1 };
const serum = { id: 'vitamin-c-serum', name: 'Vitamin C Serum', price: 30, qty: 2 };

function storeWith(...items: (typeof balm)[]) {
  const store = makeStore();
  for (const item of items) store.dispatch(addToCart(item));
  return store;
}

describe('cart slice', () => {
  it('addToCart adds a new item, selected, and counts it', () => {
    const store = storeWith(balm);
    expect(selectCartItems(store.getState())).toEqual([{ ...balm, selected: true }]);
    expect(selectTotalCartItems(store.getState())).toBe(1);
  });

  it('adding the same product again adds to its quantity', () => {
    const store = storeWith(balm, balm, serum);
    expect(selectCartItems(store.getState()).map((item) => [item.id, item.qty])).toEqual([
      ['rose-lip-balm', 2],
      ['vitamin-c-serum', 2],
    ]);
    expect(selectTotalCartItems(store.getState())).toBe(4);
  });

  it('quantities stay between 1 and 99', () => {
    const store = storeWith({ ...balm, qty: 500 });
    expect(selectCartItems(store.getState())[0]?.qty).toBe(99);
    store.dispatch(updateQuantity({ id: balm.id, qty: 0 }));
    expect(selectCartItems(store.getState())[0]?.qty).toBe(1);
  });

  it('updateQuantity changes one item and the total; an unknown id changes nothing', () => {
    const store = storeWith(balm, serum);
    store.dispatch(updateQuantity({ id: balm.id, qty: 5 }));
    expect(selectTotalCartItems(store.getState())).toBe(7);
    const before = selectCart(store.getState());
    store.dispatch(updateQuantity({ id: 'nope', qty: 3 }));
    expect(selectCart(store.getState())).toBe(before);
  });

  it('removeFromCart drops the item and recounts', () => {
    const store = storeWith(balm, serum);
    store.dispatch(removeFromCart({ id: serum.id }));
    expect(selectCartItems(store.getState()).map((item) => item.id)).toEqual([balm.id]);
    expect(selectTotalCartItems(store.getState())).toBe(1);
  });

  it('selectItem, deselectItem and selectAllItems drive the selection', () => {
    const store = storeWith(balm, serum);
    store.dispatch(deselectItem({ id: balm.id }));
    expect(selectSelectedCartItems(store.getState()).map((item) => item.id)).toEqual([serum.id]);
    store.dispatch(selectAllItems({ selected: false }));
    expect(selectSelectedCartItems(store.getState())).toEqual([]);
    store.dispatch(selectItem({ id: balm.id }));
    expect(selectSelectedCartItems(store.getState()).map((item) => item.id)).toEqual([balm.id]);
    store.dispatch(selectAllItems({ selected: true }));
    expect(selectSelectedCartItems(store.getState())).toHaveLength(2);
  });

  it('applyCoupon and removeCoupon set and clear the coupon', () => {
    const store = storeWith(balm);
    store.dispatch(applyCoupon({ code: 'WELCOME10', discount: 1.25 }));
    expect(selectCoupon(store.getState())).toEqual({ code: 'WELCOME10', discount: 1.25 });
    store.dispatch(removeCoupon());
    expect(selectCoupon(store.getState())).toBeNull();
  });

  it("initializeCart replaces the cart with the server's copy", () => {
    const store = storeWith(balm);
    store.dispatch(
      initializeCart({ items: [{ ...serum, qty: 3, selected: false }], coupon: { code: 'FLAT5' } }),
    );
    expect(selectCart(store.getState())).toEqual({
      items: [{ ...serum, qty: 3, selected: false }],
      totalItems: 3,
      coupon: { code: 'FLAT5' },
    });
  });

  it('clearCart empties everything', () => {
    const store = storeWith(balm, serum);
    store.dispatch(applyCoupon({ code: 'WELCOME10' }));
    store.dispatch(clearCart());
    expect(selectCart(store.getState())).toEqual({ items: [], totalItems: 0, coupon: null });
  });

  it('the item count is derived: setTotalItems is accepted but cannot make it disagree with the items', () => {
    const store = storeWith(balm, serum);
    const count = selectTotalCartItems(store.getState());
    expect(count).toBe(balm.qty + serum.qty);
    store.dispatch(setTotalItems({ totalItems: 40 }));
    expect(selectTotalCartItems(store.getState())).toBe(count);
  });
});
