import { apiRequest } from './client';
import type { ServerCart } from './types';

/** The signed-in user's cart, as the server keeps it. Every call answers with the whole cart. */
export function fetchCart(signal?: AbortSignal): Promise<ServerCart> {
  return apiRequest<ServerCart>('/cart', { signal });
}

/** Adds a product (adding to its quantity when it is already in the cart). */
export function addCartItem(input: { productId: string; qty: number }): Promise<ServerCart> {
  return apiRequest<ServerCart>('/cart/items', { method: 'POST', body: input });
}

/** Changes a line's quantity and/or whether it counts towards the order. */
export function updateCartItem(productId: string, change: { qty?: number; selected?: boolean }): Promise<ServerCart> {
  return apiRequest<ServerCart>(`/cart/items/${encodeURIComponent(productId)}`, { method: 'PATCH', body: change });
}

export function removeCartItem(productId: string): Promise<ServerCart> {
  return apiRequest<ServerCart>(`/cart/items/${encodeURIComponent(productId)}`, { method: 'DELETE' });
}

export function selectAllCartItems(selected: boolean): Promise<ServerCart> {
  return apiRequest<ServerCart>('/cart/select-all', { method: 'POST', body: { selected } });
}

/** Applies a coupon code; an unknown, expired or not-yet-reached coupon is an ApiError with the reason. */
export function applyCartCoupon(code: string): Promise<ServerCart> {
  return apiRequest<ServerCart>('/cart/coupon', { method: 'POST', body: { code } });
}

export function removeCartCoupon(): Promise<ServerCart> {
  return apiRequest<ServerCart>('/cart/coupon', { method: 'DELETE' });
}

export function clearServerCart(): Promise<ServerCart> {
  return apiRequest<ServerCart>('/cart', { method: 'DELETE' });
}
