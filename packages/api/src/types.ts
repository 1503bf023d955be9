/** Shapes of the API's JSON bodies (camelCase on the wire). */

export interface Address {
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  country: string;
}

export interface UserPublic {
  id: number;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  phoneNumber: string | null;
  avatarUrl: string | null;
  address: Address | null;
}

export interface OtpRequested {
  mobile: string;
  expiresIn: number;
}

export interface LoginResult {
  token: string;
  tokenType: string;
  expiresIn: number;
  user: UserPublic;
}

export interface Product {
  id: string;
  name: string;
  price: number;
  image: string;
  category: string;
  description: string;
}

export interface ProductPage {
  items: Product[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CartLine {
  productId: string;
  name: string;
  price: number;
  image: string;
  qty: number;
  selected: boolean;
}

export interface CartCoupon {
  code: string;
  kind: 'percent' | 'fixed';
  value: number;
  description: string;
}

export interface CartTotals {
  subtotal: number;
  discount: number;
  total: number;
  totalItems: number;
  selectedItems: number;
}

export interface ServerCart {
  items: CartLine[];
  coupon: CartCoupon | null;
  totals: CartTotals;
}
