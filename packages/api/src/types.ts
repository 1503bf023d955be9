/**
 * The API's JSON shapes, as named in its OpenAPI schema. They are aliases of the generated
 * endpoints' types (run `fedctl api-types` after changing the API), never written by hand.
 */
import type * as Generated from './generated/shopApi';

export type UserPublic = Generated.UserPublic;
export type UserUpdate = Generated.UserUpdate;
export type OtpRequested = Generated.OtpRequested;
export type LoginResult = Generated.TokenPublic;
export type SignedInSession = Generated.SessionPublic;
export type Product = Generated.ProductPublic;
export type ProductPage = Generated.ProductsPublic;
export type ProductQuery = Generated.ReadProductsApiArg;
export type ServerCart = Generated.CartPublic;
export type CartLine = Generated.CartItemPublic;
export type CartCoupon = Generated.CouponPublic;
export type CartTotals = Generated.CartTotals;
export type TicketPublic = Generated.TicketPublic;
export type TicketCreate = Generated.TicketCreate;
export type TicketStatus = Generated.TicketUpdate['status'];
export type ChatMessagePublic = Generated.ChatMessagePublic;
