// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearUser, makeStore, resetAll, setAt, setSessionRenewal } from '@myapp/store';
import { fakeApi, json, renderWithProviders } from '@myapp/shell/testing';
import AccountPage from './AccountPage';

const signedIn = {
  user: {
    firstName: '', lastName: '', name: '', email: '', phoneNumber: '+15550000000', avatarUrl: null,
    at: 'old-token', isLoggedIn: true, sessionChecked: true, profileUpdating: false, address: null,
  },
};
const ann = { id: 1, firstName: 'Ann', lastName: 'Lee', name: 'Ann Lee', email: 'ann@example.com', phoneNumber: '+15550000000' };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setSessionRenewal(null);
});

/** Answers 401 to the old token, and the profile, tickets and sessions to any other. */
function apiThatExpired(): ReturnType<typeof fakeApi> {
  const calls = fakeApi(() => {
    const call = calls[calls.length - 1];
    if (call?.auth === 'Bearer old-token') return json(401, { detail: 'Token expired' });
    if (call?.path === '/api/me') return json(200, ann);
    return json(200, []);
  });
  return calls;
}

describe('AccountPage on a 401', () => {
  it('renews the session once and shows the profile read with the new token', async () => {
    const calls = apiThatExpired();
    const store = makeStore(signedIn);
    setSessionRenewal(async () => {
      store.dispatch(setAt({ at: 'new-token' }));
      return 'new-token';
    });
    renderWithProviders(<AccountPage />, { store });
    expect(await screen.findByRole('heading', { name: 'Ann Lee' })).toBeTruthy();
    const me = calls.filter((call) => call.path === '/api/me').map((call) => call.auth);
    expect(me).toEqual(['Bearer old-token', 'Bearer new-token']);
  });

  it('signs out when the session cannot be renewed, and says so', async () => {
    apiThatExpired();
    const store = makeStore(signedIn);
    // What @myapp/api's session does when the cookie is gone: every slice forgotten, signed out.
    setSessionRenewal(async () => {
      store.dispatch(resetAll());
      store.dispatch(clearUser());
      return null;
    });
    renderWithProviders(<AccountPage />, { store });
    expect(await screen.findByText(/You are not signed in/)).toBeTruthy();
    expect(store.getState().user.isLoggedIn).toBe(false);
  });
});
