/**
 * @myapp/api: the typed browser client of the shop's Python API. Shared as a Module Federation
 * singleton next to @myapp/store, whose in-memory access token it attaches to every call and
 * renews from the httpOnly session cookie (session.ts); a session that ended signs the user out
 * in the store for every remote, and every tab, at once.
 */
export { ApiError, apiRequest } from './client';
export type { RequestOptions } from './client';
export { fetchSessions, handleRequestMobileOTP, handleVerifyMobileOTP, revokeSession } from './auth';
export { logOut, refreshAccessToken, signOutEverywhere, startSession } from './session';
export type { LogoutResult } from './session';
export { signInReturnTo, signInUrl } from './signIn';
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
export {
  CHAT_SOCKET_UNAUTHORIZED,
  authenticateChatSocket,
  fetchChatMessages,
  openChatSocket,
  sendChatMessage,
} from './chat';
export type { ChatEvent } from './chat';
export type * from './types';
