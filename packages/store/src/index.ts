/**
 * The public API of the federated store. Remotes import everything Redux-related from here and
 * never from react-redux directly: this package is shared as a Module Federation singleton, so
 * the react-redux it re-exports is the one the host's Provider uses (gotcha 6).
 */
export { getStore, makeServerStore, makeStore, resetAll, store, sliceReducer } from './store';
export type { AppDispatch, AppStore, LazyLoadedSlices, RootState } from './store';
export { API_REDUCER_PATH, API_TAGS, apiOrigin, baseApi, endpointFulfilled, setSessionRenewal } from './api';
export type { SessionRenewal } from './api';
export { SLICE_ENDPOINTS } from './endpoints';
export { REFETCH_AFTER_AWAY_MS } from './listeners';

export {
  clearUser,
  selectAccessToken,
  selectAddress,
  selectEmail,
  selectIsLoggedIn,
  selectPhoneNumber,
  selectProfileUpdating,
  selectSessionChecked,
  selectUser,
  selectUserName,
  setAddress,
  setAt,
  setIsLoggedIn,
  setProfileUpdating,
  setSessionChecked,
  setUser,
  userSlice,
} from './features/user/userSlice';
export type { Address, UserProfile, UserState } from './features/user/userSlice';

export {
  addToCart,
  applyCoupon,
  cartSlice,
  clearCart,
  deselectItem,
  initializeCart,
  MAX_QUANTITY,
  MIN_QUANTITY,
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
  toStoreCart,
  updateQuantity,
} from './features/cart/cartSlice';
export type { CartItem, CartState, Coupon, NewCartItem, ServerCartShape } from './features/cart/cartSlice';

export {
  addTicket,
  clearTickets,
  selectOpenTicketCount,
  selectTickets,
  setTickets,
  ticketSlice,
  updateTicketStatus,
} from './features/tickets/ticketSlice';
export type { Ticket, TicketStatus, TicketsState } from './features/tickets/ticketSlice';

export {
  chatSlice,
  clearChat,
  receiveMessage,
  selectChatMessages,
  setMessages,
} from './features/chat/chatSlice';
export type { ChatMessage, ChatState } from './features/chat/chatSlice';

export { useAppDispatch, useAppSelector, useAppStore } from './hooks';
export { StoreProvider } from './StoreProvider';
export type { StoreProviderProps } from './StoreProvider';

// Re-exported so no remote needs react-redux of its own at runtime.
export { Provider, useDispatch, useSelector } from 'react-redux';
