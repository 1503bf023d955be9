import { useState } from 'react';
import Link from 'next/link';
import { handleLogout } from '@myapp/api';
import { useRouter } from 'next/router';
import { resetAll, selectIsLoggedIn, selectUser, useAppDispatch, useAppSelector } from '@myapp/store';

/** The signed-in person's summary and logout (the Account remote takes this page over later). */
export default function AccountPage() {
  const dispatch = useAppDispatch();
  const router = useRouter();
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const user = useAppSelector(selectUser);
  const [loggingOut, setLoggingOut] = useState(false);

  const logOut = async () => {
    setLoggingOut(true);
    try {
      // Revoke the token on the server too; the browser forgets everything either way.
      await handleLogout();
    } catch (error) {
      console.warn('[main] the server could not revoke the token', error);
    } finally {
      dispatch(resetAll());
      setLoggingOut(false);
      void router.push('/');
    }
  };

  if (!isLoggedIn) {
    return (
      <section>
        <h1>Account</h1>
        <p>
          You are not signed in. <Link href="/login">Log in</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>Account</h1>
      <dl className="details">
        <dt>Name</dt>
        <dd>{user.name || '—'}</dd>
        <dt>Mobile</dt>
        <dd data-testid="account-phone">{user.phoneNumber ?? '—'}</dd>
        <dt>Email</dt>
        <dd>{user.email || '—'}</dd>
      </dl>
      <button type="button" data-testid="logout" disabled={loggingOut} onClick={() => void logOut()}>
        {loggingOut ? 'Logging out…' : 'Log out'}
      </button>
    </section>
  );
}
