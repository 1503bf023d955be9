import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { endpointFulfilled } from '../../api';
import { SLICE_ENDPOINTS } from '../../endpoints';

/** The delivery address, as one block of text (the API's `address`). */
export type Address = string;

/** The signed-in person: written by Auth and Account, read by every remote. */
export interface UserState {
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  phoneNumber: string | null;
  avatarUrl: string | null;
  /**
   * The access token; @myapp/api attaches it to every request. It lives in memory only (a page
   * script can read the store, so nothing here outlives the page); after a reload @myapp/api gets
   * a new one from the httpOnly session cookie.
   */
  at: string | null;
  isLoggedIn: boolean;
  /**
   * True once this page knows whether a session exists: after the first answer of the refresh
   * endpoint, a sign-in or a sign-out. Until then a shell shows its skeleton, not a Login button.
   */
  sessionChecked: boolean;
  profileUpdating: boolean;
  address: Address | null;
}

/** A profile as the API answers it; a name or email it leaves out is empty. */
export interface UserProfile {
  firstName?: string;
  lastName?: string;
  name?: string;
  email?: string;
  phoneNumber?: string | null;
  avatarUrl?: string | null;
  address?: Address | null;
}

/** The profile answers of the api (readMe, updateMe) become the store's user. */
const profileAnswer = endpointFulfilled<UserProfile>(SLICE_ENDPOINTS.profile);

function writeProfile(state: UserState, profile: UserProfile): void {
  state.firstName = profile.firstName ?? '';
  state.lastName = profile.lastName ?? '';
  state.name = profile.name ?? '';
  state.email = profile.email ?? '';
  state.phoneNumber = profile.phoneNumber ?? null;
  state.avatarUrl = profile.avatarUrl ?? null;
  // The address is optional in a profile update: absent means "unchanged".
  if (profile.address !== undefined) state.address = profile.address;
}

const initialState: UserState = {
  firstName: '',
  lastName: '',
  name: '',
  email: '',
  phoneNumber: null,
  avatarUrl: null,
  at: null,
  isLoggedIn: false,
  sessionChecked: false,
  profileUpdating: false,
  address: null,
};

export const userSlice = createSlice({
  name: 'user',
  initialState,
  reducers: {
    setUser(state, action: PayloadAction<UserProfile>) {
      writeProfile(state, action.payload);
    },
    setAt(state, action: PayloadAction<{ at: string | null }>) {
      state.at = action.payload.at;
    },
    setIsLoggedIn(state, action: PayloadAction<{ isLoggedIn: boolean }>) {
      state.isLoggedIn = action.payload.isLoggedIn;
      state.sessionChecked = true;
    },
    setSessionChecked(state, action: PayloadAction<{ sessionChecked: boolean }>) {
      state.sessionChecked = action.payload.sessionChecked;
    },
    setProfileUpdating(state, action: PayloadAction<{ profileUpdating: boolean }>) {
      state.profileUpdating = action.payload.profileUpdating;
    },
    setAddress(state, action: PayloadAction<{ address: Address | null }>) {
      state.address = action.payload.address;
    },
    clearUser() {
      // Signed out is a known state: the session has been checked.
      return { ...initialState, sessionChecked: true };
    },
  },
  extraReducers: (builder) => {
    builder.addMatcher(profileAnswer, (state, action) => {
      // An answer that arrives after a sign-out (the request was already under way) is dropped.
      if (state.isLoggedIn) writeProfile(state, action.payload);
    });
  },
  selectors: {
    selectUser: (user) => user,
    selectIsLoggedIn: (user) => user.isLoggedIn,
    selectAccessToken: (user) => user.at,
    selectSessionChecked: (user) => user.sessionChecked,
    selectUserName: (user) => user.name,
    selectEmail: (user) => user.email,
    selectPhoneNumber: (user) => user.phoneNumber,
    selectAddress: (user) => user.address,
    selectProfileUpdating: (user) => user.profileUpdating,
  },
});

export const { setUser, setAt, setIsLoggedIn, setSessionChecked, setProfileUpdating, setAddress, clearUser } =
  userSlice.actions;
export const {
  selectUser,
  selectIsLoggedIn,
  selectAccessToken,
  selectSessionChecked,
  selectUserName,
  selectEmail,
  selectPhoneNumber,
  selectAddress,
  selectProfileUpdating,
} = userSlice.selectors;
