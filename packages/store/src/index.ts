/**
 * The public API of the federated store. Remotes import everything Redux-related from here and
 * never from react-redux directly: this package is shared as a Module Federation singleton, so
 * the react-redux it re-exports is the one the host's Provider uses (gotcha 6).
 */
export { getStore, makeServerStore, makeStore, resetAll, store } from './store';
export type { AppDispatch, AppStore, RootState } from './store';

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
} from './features/cart/cartSlice';
export type { CartItem, CartState, Coupon, NewCartItem } from './features/cart/cartSlice';

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

// Re-exported so no remote needs react-redux of its own at runtime.
export { Provider, useDispatch, useSelector } from 'react-redux';
