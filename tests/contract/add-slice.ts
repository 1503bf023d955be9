import { combineSlices, configureStore, createSlice, type PayloadAction } from '@reduxjs/toolkit';

export interface UserProfile {
  name: string;
}

export interface UserState {
  name: string | null;
  isLoggedIn: boolean;
}

const initialUser: UserState = { name: null, isLoggedIn: false };

export const userSlice = createSlice({
  name: 'user',
  initialState: initialUser,
  reducers: {
    setUser(state, action: PayloadAction<UserProfile>) {
      state.name = action.payload.name;
      state.isLoggedIn = true;
    },
    clearUser: () => initialUser,
  },
  selectors: {
    selectUserName: (user) => user.name,
  },
});

export const { setUser, clearUser } = userSlice.actions;
export const { selectUserName } = userSlice.selectors;

export interface WishlistState {
  ids: string[];
}

export const wishlistSlice = createSlice({
  name: 'wishlist',
  initialState: { ids: [] } as WishlistState,
  reducers: {
    addToWishlist(state, action: PayloadAction<string>) {
      state.ids.push(action.payload);
    },
  },
  selectors: {
    selectWishlist: (wishlist) => wishlist.ids,
  },
});

export const { addToWishlist } = wishlistSlice.actions;
export const { selectWishlist } = wishlistSlice.selectors;

const rootReducer = combineSlices(userSlice, wishlistSlice);
export type RootState = ReturnType<typeof rootReducer>;

export function makeStore(preloadedState?: Partial<RootState>) {
  return configureStore({ reducer: rootReducer, preloadedState });
}

export { Provider } from 'react-redux';
