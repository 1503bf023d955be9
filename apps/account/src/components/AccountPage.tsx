import { useState } from 'react';
import { handleLogout } from '@myapp/api';
import { resetAll, selectUser, useAppDispatch, useAppSelector } from '@myapp/store';

export interface AccountPageProps {
  /** The host's router; called with '/' after logout. */
  onNavigate?: (path: string) => void;
}

/** The account page (exposed to the host). Renders no Provider: the host's is up the tree. */
export default function AccountPage({ onNavigate }: AccountPageProps) {
  const dispatch = useAppDispatch();
  const user = useAppSelector(selectUser);
  const [loggingOut, setLoggingOut] = useState(false);

  const logOut = async () => {
    setLoggingOut(true);
    try {
      // Revoke the token on the server too; the browser forgets everything either way.
      await handleLogout();
    } catch (error) {
      console.warn('[account] the server could not revoke the token', error);
    } finally {
      // Every slice, for every remote: user, cart, tickets and chat.
      dispatch(resetAll());
      setLoggingOut(false);
      onNavigate?.('/');
    }
  };

  if (!user.isLoggedIn) {
    return (
      <section data-testid="account-page">
        <h1>Account</h1>
        <p>You are not signed in.</p>
      </section>
    );
  }
  return (
    <section data-testid="account-page">
      <h1>Account</h1>
      <p data-testid="account-phone">{user.phoneNumber}</p>
      <button type="button" data-testid="logout" disabled={loggingOut} onClick={() => void logOut()}>
        {loggingOut ? 'Logging out…' : 'Log out'}
      </button>
    </section>
  );
}
