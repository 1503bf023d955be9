/**
 * Which endpoints of the generated api feed which slice. The slices stay the cross-remote
 * contract of the reference (their fields, actions and selectors); their data comes from these
 * answers. @myapp/api fails to compile when a name here is not one of its generated endpoints.
 */
export const SLICE_ENDPOINTS = {
  /** Every cart endpoint answers with the whole cart. */
  cart: [
    'readCart',
    'addCartItem',
    'updateCartItem',
    'deleteCartItem',
    'selectAllCartItems',
    'applyCoupon',
    'removeCoupon',
    'clearCart',
  ],
  profile: ['readMe', 'updateMe'],
  ticketList: ['readTickets'],
  ticketOne: ['createTicket', 'updateTicket', 'readTicket'],
  chatHistory: ['readChatMessages'],
  chatMessage: ['createChatMessage'],
} as const;
