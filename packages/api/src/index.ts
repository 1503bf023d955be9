/**
 * @myapp/api: the typed browser client of the shop's Python API. Shared as a Module Federation
 * singleton next to @myapp/store, whose access token it attaches to every call; a 401 signs the
 * user out in the store for every remote at once.
 */
export { ApiError, apiRequest } from './client';
export type { RequestOptions } from './client';
export { handleLogout, handleRequestMobileOTP, handleVerifyMobileOTP } from './auth';
export { fetchMe, updateMe } from './me';
export { fetchProduct, fetchProducts } from './products';
export type { ProductQuery } from './products';
export {
  addCartItem,
  applyCartCoupon,
  clearServerCart,
  fetchCart,
  removeCartCoupon,
  removeCartItem,
  selectAllCartItems,
  updateCartItem,
} from './cart';
export { toStoreCart } from './cartState';
export { changeTicketStatus, createTicket, fetchTicket, fetchTickets } from './tickets';
export { fetchChatMessages, openChatSocket, sendChatMessage } from './chat';
export type { ChatEvent } from './chat';
export type * from './types';
