import { combineSlices, configureStore, createSlice, type PayloadAction } from '@reduxjs/toolkit';

export interface UserProfile {
  name: string;
}

export interface UserState {
  name: string;
  isLoggedIn: boolean;
}

const initialUser: UserState = { name: '', isLoggedIn: false };

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

const rootReducer = combineSlices(userSlice);
export type RootState = ReturnType<typeof rootReducer>;

export function makeStore(preloadedState?: Partial<RootState>) {
  return configureStore({ reducer: rootReducer, preloadedState });
}

export { Provider } from 'react-redux';
