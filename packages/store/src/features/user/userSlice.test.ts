import { describe, expect, it } from 'vitest';
import { makeStore } from '../../store';
import {
  clearUser,
  selectAccessToken,
  selectAddress,
  selectEmail,
  selectIsLoggedIn,
  selectPhoneNumber,
  selectProfileUpdating,
  selectUser,
  selectUserName,
  setAddress,
  setAt,
  setIsLoggedIn,
  setProfileUpdating,
  setUser,
  userSlice,
} from './userSlice';

const profile = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phoneNumber: '+15550100000',
  avatarUrl: null,
};
const address = '1 Analytical Way, London N1, GB';

describe('user slice', () => {
  it('starts signed out with no token', () => {
    const state = makeStore().getState();
    expect(selectIsLoggedIn(state)).toBe(false);
    expect(selectAccessToken(state)).toBeNull();
    expect(selectUser(state)).toEqual(userSlice.getInitialState());
  });

  it('setUser copies the profile and defaults missing optional fields to null', () => {
    const store = makeStore();
    store.dispatch(setUser({ ...profile, phoneNumber: undefined }));
    const state = store.getState();
    expect(selectUserName(state)).toBe('Ada Lovelace');
    expect(selectEmail(state)).toBe('ada@example.com');
    expect(selectPhoneNumber(state)).toBeNull();
    expect(state.user.avatarUrl).toBeNull();
  });

  it('setUser keeps the address when the profile does not carry one', () => {
    const store = makeStore();
    store.dispatch(setAddress({ address }));
    store.dispatch(setUser(profile));
    expect(selectAddress(store.getState())).toEqual(address);
    store.dispatch(setUser({ ...profile, address: null }));
    expect(selectAddress(store.getState())).toBeNull();
  });

  it('setAt and setIsLoggedIn sign the user in', () => {
    const store = makeStore();
    store.dispatch(setAt({ at: 'token-1' }));
    store.dispatch(setIsLoggedIn({ isLoggedIn: true }));
    expect(selectAccessToken(store.getState())).toBe('token-1');
    expect(selectIsLoggedIn(store.getState())).toBe(true);
  });

  it('setProfileUpdating flags a save in progress', () => {
    const store = makeStore();
    store.dispatch(setProfileUpdating({ profileUpdating: true }));
    expect(selectProfileUpdating(store.getState())).toBe(true);
  });

  it('clearUser forgets the person, the token and the address', () => {
    const store = makeStore();
    store.dispatch(setUser(profile));
    store.dispatch(setAt({ at: 'token-1' }));
    store.dispatch(setIsLoggedIn({ isLoggedIn: true }));
    store.dispatch(setAddress({ address }));
    store.dispatch(clearUser());
    // Signed out is a known state: shells show Login, not their skeleton.
    expect(selectUser(store.getState())).toEqual({ ...userSlice.getInitialState(), sessionChecked: true });
  });
});
