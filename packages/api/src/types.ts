/**
 * The API's JSON shapes, as named in its OpenAPI schema. They are aliases of the generated
 * `schema.ts` (run `fedctl api-types` after changing the API), never written by hand.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type UserPublic = Schemas['UserPublic'];
export type UserUpdate = Schemas['UserUpdate'];
export type OtpRequested = Schemas['OtpRequested'];
export type LoginResult = Schemas['TokenPublic'];
export type SignedInSession = Schemas['SessionPublic'];
export type Product = Schemas['ProductPublic'];
export type ProductPage = Schemas['ProductsPublic'];
export type ServerCart = Schemas['CartPublic'];
export type CartLine = Schemas['CartItemPublic'];
export type CartCoupon = Schemas['CouponPublic'];
export type CartTotals = Schemas['CartTotals'];
export type TicketPublic = Schemas['TicketPublic'];
export type TicketCreate = Schemas['TicketCreate'];
export type TicketStatus = Schemas['TicketUpdate']['status'];
export type ChatMessagePublic = Schemas['ChatMessagePublic'];
