import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

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

const MAX_QUANTITY = 99;

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
    setTotalItems(state, action: PayloadAction<{ totalItems: number }>) {
      state.totalItems = Math.max(0, Math.trunc(action.payload.totalItems));
    },
  },
  selectors: {
    selectCart: (cart) => cart,
    selectCartItems: (cart) => cart.items,
    selectTotalCartItems: (cart) => cart.totalItems,
    selectCoupon: (cart) => cart.coupon,
    selectSelectedCartItems: (cart) => cart.items.filter((item) => item.selected),
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
