import { useState } from 'react';
import { logOut, useReadMeQuery, useReadTicketsQuery } from '@myapp/api';
import { selectIsLoggedIn, selectUser, useAppSelector } from '@myapp/store';
import { Alert, LoadFailed, LoginLink, type Navigate } from '@myapp/shell';
import MySessions from './MySessions';
import MyTickets from './MyTickets';
import ProfileForm from './ProfileForm';

export interface AccountPageProps {
  /** The host's router ('/' after logout, '/login'); without it (standalone) links navigate normally. */
  onNavigate?: Navigate;
}

/**
 * The account page (exposed to the host): profile, address, my tickets and logout. It renders
 * no Provider: the host's (or the standalone entry's) is up the tree.
 */
export default function AccountPage({ onNavigate }: AccountPageProps) {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const user = useAppSelector(selectUser);
  const [loggingOut, setLoggingOut] = useState(false);
  const [logoutProblem, setLogoutProblem] = useState<string | null>(null);
  // From the shared cache (the host read them after sign-in); read again when they change or the
  // tab comes back after a while. Their answers feed the store's user and tickets slices.
  const profile = useReadMeQuery(undefined, { skip: !isLoggedIn });
  const tickets = useReadTicketsQuery(undefined, { skip: !isLoggedIn });

  const signOut = async () => {
    setLoggingOut(true);
    // The server revokes the session; this page (every slice of every remote) and the other tabs
    // forget it either way. When the server could not be told, the person is told here.
    const result = await logOut();
    setLoggingOut(false);
    setLogoutProblem(result.problem);
    if (result.serverReached) onNavigate?.('/');
  };

  if (!isLoggedIn) {
    return (
      <section data-testid="account-page">
        <h1>Account</h1>
        {logoutProblem && <Alert testId="logout-problem">{logoutProblem}</Alert>}
        <p>You are not signed in. Log in to see your profile and your support tickets.</p>
        <LoginLink onNavigate={onNavigate} className="button" testId="account-login">
          Log in
        </LoginLink>
      </section>
    );
  }

  return (
    <section data-testid="account-page" style={{ display: 'grid', gap: '1.5rem' }}>
      {/* A div, not a <header>: the page's one banner is the host's. */}
      <div style={{ display: 'flex', gap: '1rem', alignItems: 'center', flexWrap: 'wrap' }}>
        {user.avatarUrl && (
          <img src={user.avatarUrl} alt="" width={64} height={64} style={{ borderRadius: '50%', objectFit: 'cover' }} />
        )}
        <div style={{ flex: 1 }}>
          <h1 style={{ margin: 0 }}>{user.name || 'Account'}</h1>
          <p style={{ margin: 0 }}>
            Mobile: <span data-testid="account-phone">{user.phoneNumber ?? ''}</span>
          </p>
        </div>
        <button type="button" data-testid="logout" disabled={loggingOut} onClick={() => void signOut()}>
          {loggingOut ? 'Logging out…' : 'Log out'}
        </button>
      </div>

      <section aria-labelledby="account-profile-heading">
        <h2 id="account-profile-heading">Profile</h2>
        <LoadFailed what="Your profile" error={profile.error} onRetry={profile.refetch} />
        {profile.data ? <ProfileForm profile={user} /> : !profile.error && <p role="status">Loading your profile…</p>}
      </section>

      <MyTickets loading={!tickets.data && !tickets.error} error={tickets.error} onRetry={tickets.refetch} />

      <MySessions onSignedOutEverywhere={() => onNavigate?.('/')} />
    </section>
  );
}
