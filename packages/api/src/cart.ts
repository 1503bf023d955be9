import { apiRequest } from './client';
import type { ServerCart } from './types';

/** The signed-in user's cart, as the server keeps it. */
export function fetchCart(signal?: AbortSignal): Promise<ServerCart> {
  return apiRequest<ServerCart>('/cart', { signal });
}

/** Adds a product (adding to its quantity when it is already in the cart). */
export function addCartItem(input: { productId: string; qty: number }): Promise<ServerCart> {
  return apiRequest<ServerCart>('/cart/items', { method: 'POST', body: input });
}
