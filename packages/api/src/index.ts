/**
 * @myapp/api: the shop's Python API as RTK Query endpoints, generated from its OpenAPI schema
 * (`fedctl api-types`) and injected into the one api of @myapp/store, so every remote reads
 * server data through one cache. Shared as a Module Federation singleton next to @myapp/store:
 * the access token comes from the store, a 401 renews the session from the httpOnly cookie once
 * (session.ts), and a session that ended signs the user out for every remote, and every tab.
 */
export {
  shopApi,
  useAddCartItemMutation,
  useApplyCouponMutation,
  useClearCartMutation,
  useCreateTicketMutation,
  useDeleteCartItemMutation,
  useReadCartQuery,
  useReadMeQuery,
  useReadProductQuery,
  useReadProductsQuery,
  useReadSessionsQuery,
  useReadTicketsQuery,
  useRemoveCouponMutation,
  useSelectAllCartItemsMutation,
  useSignOutSessionMutation,
  useUpdateCartItemMutation,
  useUpdateMeMutation,
  useUpdateTicketMutation,
} from './shopApi';
export { ApiError } from './http';
export { failureMessage, toApiError } from './errors';
export type { QueryFailure } from './errors';
export { handleRequestMobileOTP, handleVerifyMobileOTP } from './auth';
export { logOut, refreshAccessToken, signOutEverywhere, startSession } from './session';
export type { LogoutResult } from './session';
export { serverQueriesSettled, startServerSession } from './serverSession';
export type { PageRequest, ServerSession } from './serverSession';
export { signInReturnTo, signInUrl } from './signIn';
export { CHAT_SOCKET_UNAUTHORIZED } from './chat';
export type { ChatEvent } from './chat';
export { retryDelay, sendChatMessage, useChatStreamQuery } from './chatStream';
export type { ChatConnection, ChatStatus } from './chatStream';
export type * from './types';
