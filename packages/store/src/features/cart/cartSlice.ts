import { createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { endpointFulfilled } from '../../api';
import { SLICE_ENDPOINTS } from '../../endpoints';

export interface CartItem {
  id: string;
  name: string;
  price: number;
  qty: number;
  image?: string | null;
  /** Whether the item counts towards the order total (the Cart remote's checkboxes). */
  selected: boolean;
}

export interface Coupon {
  code: string;
  description?: string;
  /** Amount taken off the selected items, as computed by the server. */
  discount?: number;
}

export interface CartState {
  items: CartItem[];
  totalItems: number;
  coupon: Coupon | null;
}

/** What a remote passes to addToCart: an item without its selection flag (new items start selected). */
export interface NewCartItem {
  id: string;
  name: string;
  price: number;
  qty: number;
  image?: string | null;
}

const initialState: CartState = { items: [], totalItems: 0, coupon: null };

/** The most of one product a cart may hold (the API refuses more). */
export const MAX_QUANTITY = 99;
export const MIN_QUANTITY = 1;

/** The server's cart as the API answers it (read structurally: the API's types live in @myapp/api). */
export interface ServerCartShape {
  items: { productId: string; name: string; price: number; qty: number; image?: string | null; selected: boolean }[];
  coupon: { code: string; description: string } | null;
  totals: { discount: number };
}

/** The store's cart from the server's cart. */
export function toStoreCart(cart: ServerCartShape): { items: CartItem[]; coupon: Coupon | null } {
  return {
    items: cart.items.map((line) => ({
      id: line.productId,
      name: line.name,
      price: line.price,
      qty: line.qty,
      image: line.image,
      selected: line.selected,
    })),
    coupon: cart.coupon
      ? { code: cart.coupon.code, description: cart.coupon.description, discount: cart.totals.discount }
      : null,
  };
}

const cartAnswer = endpointFulfilled<ServerCartShape>(SLICE_ENDPOINTS.cart);

function clampQuantity(qty: number): number {
  return Math.min(MAX_QUANTITY, Math.max(1, Math.trunc(qty)));
}

function countItems(items: CartItem[]): number {
  return items.reduce((sum, item) => sum + item.qty, 0);
}

export const cartSlice = createSlice({
  name: 'cart',
  initialState,
  reducers: {
    addToCart(state, action: PayloadAction<NewCartItem>) {
      const { id, qty } = action.payload;
      const existing = state.items.find((item) => item.id === id);
      if (existing) {
        existing.qty = clampQuantity(existing.qty + qty);
      } else {
        state.items.push({ ...action.payload, qty: clampQuantity(qty), selected: true });
      }
      state.totalItems = countItems(state.items);
    },
    removeFromCart(state, action: PayloadAction<{ id: string }>) {
      state.items = state.items.filter((item) => item.id !== action.payload.id);
      state.totalItems = countItems(state.items);
    },
    updateQuantity(state, action: PayloadAction<{ id: string; qty: number }>) {
      const item = state.items.find((candidate) => candidate.id === action.payload.id);
      if (!item) return;
      item.qty = clampQuantity(action.payload.qty);
      state.totalItems = countItems(state.items);
    },
    selectItem(state, action: PayloadAction<{ id: string }>) {
      const item = state.items.find((candidate) => candidate.id === action.payload.id);
      if (item) item.selected = true;
    },
    deselectItem(state, action: PayloadAction<{ id: string }>) {
      const item = state.items.find((candidate) => candidate.id === action.payload.id);
      if (item) item.selected = false;
    },
    selectAllItems(state, action: PayloadAction<{ selected: boolean }>) {
      for (const item of state.items) item.selected = action.payload.selected;
    },
    applyCoupon(state, action: PayloadAction<Coupon>) {
      state.coupon = action.payload;
    },
    removeCoupon(state) {
      state.coupon = null;
    },
    /** Replaces the whole cart with the server's copy (after login, after a reload). */
    initializeCart(_state, action: PayloadAction<{ items: CartItem[]; coupon?: Coupon | null }>) {
      const items = action.payload.items.map((item) => ({ ...item }));
      return { items, totalItems: countItems(items), coupon: action.payload.coupon ?? null };
    },
    clearCart() {
      return initialState;
    },
    /**
     * Kept so remotes written against the reference still dispatch it without an error; the
     * count is derived from the items (selectTotalCartItems) and always equals their quantities.
     */
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the reference's payload, accepted and ignored
    setTotalItems(state, _action: PayloadAction<{ totalItems: number } | undefined>) {
      state.totalItems = countItems(state.items);
    },
  },
  extraReducers: (builder) => {
    // Every answer of a cart endpoint is the whole cart: it becomes the store's cart.
    builder.addMatcher(cartAnswer, (_state, action) => {
      const { items, coupon } = toStoreCart(action.payload);
      return { items, totalItems: countItems(items), coupon };
    });
  },
  selectors: {
    selectCart: (cart) => cart,
    selectCartItems: (cart) => cart.items,
    selectTotalCartItems: createSelector([(cart: CartState) => cart.items], countItems),
    selectCoupon: (cart) => cart.coupon,
    selectSelectedCartItems: createSelector([(cart: CartState) => cart.items], (items) =>
      items.filter((item) => item.selected),
    ),
  },
});

export const {
  addToCart,
  removeFromCart,
  updateQuantity,
  selectItem,
  deselectItem,
  selectAllItems,
  applyCoupon,
  removeCoupon,
  initializeCart,
  clearCart,
  setTotalItems,
} = cartSlice.actions;
export const {
  selectCart,
  selectCartItems,
  selectTotalCartItems,
  selectCoupon,
  selectSelectedCartItems,
} = cartSlice.selectors;
