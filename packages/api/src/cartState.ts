import type { CartItem, Coupon } from '@myapp/store';
import type { ServerCart } from './types';

/** The store's cart (`initializeCart` payload) from the server's cart. */
export function toStoreCart(cart: ServerCart): { items: CartItem[]; coupon: Coupon | null } {
  return {
    items: cart.items.map((line) => ({
      id: line.productId,
      name: line.name,
      price: line.price,
      qty: line.qty,
      image: line.image,
      selected: line.selected,
    })),
    coupon: cart.coupon
      ? { code: cart.coupon.code, description: cart.coupon.description, discount: cart.totals.discount }
      : null,
  };
}
