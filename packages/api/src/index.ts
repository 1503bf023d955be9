/**
 * @myapp/api: the typed browser client of the shop's Python API. Shared as a Module Federation
 * singleton next to @myapp/store, whose access token it attaches to every call.
 */
export { ApiError, apiRequest } from './client';
export type { RequestOptions } from './client';
export { handleLogout, handleRequestMobileOTP, handleVerifyMobileOTP } from './auth';
export { fetchProduct, fetchProducts } from './products';
export type { ProductQuery } from './products';
export type * from './types';
export { addCartItem, fetchCart } from './cart';
export { toStoreCart } from './cartState';
