import { useEffect, useRef, useState } from 'react';
import { fetchMe, fetchTickets, logOut, type TicketPublic, type UserPublic } from '@myapp/api';
import {
  selectIsLoggedIn,
  selectUser,
  setTickets,
  setUser,
  useAppDispatch,
  useAppSelector,
} from '@myapp/store';
import MySessions from './MySessions';
import MyTickets from './MyTickets';
import ProfileForm from './ProfileForm';

export interface AccountPageProps {
  /** The host's router; called with '/' after logout and '/login' to sign in. */
  onNavigate?: (path: string) => void;
}

/** Where one read from the server stands; `attempt` changes to read again. */
interface Load {
  attempt: number;
  loading: boolean;
  error: string | null;
}

const START: Load = { attempt: 0, loading: true, error: null };

function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

function isAbort(failure: unknown): boolean {
  return failure instanceof Error && failure.name === 'AbortError';
}

/**
 * Reads something from the server whenever the person is signed in, and again on `retry`. The
 * answer goes to `keep` (into the store); the loading state always ends, with the error if any.
 */
function useServerRead<T>(
  isLoggedIn: boolean,
  read: (signal: AbortSignal) => Promise<T>,
  keep: (answer: T) => void,
): [Load, () => void] {
  const [load, setLoad] = useState<Load>(START);
  const { attempt } = load;
  // The latest callbacks, without making them reasons to read again: `dispatch` from the shared
  // store is not guaranteed to keep its identity between renders, and a read per render would
  // abort the one before it forever.
  const latest = useRef({ read, keep });
  useEffect(() => {
    latest.current = { read, keep };
  });
  useEffect(() => {
    if (!isLoggedIn) return;
    const controller = new AbortController();
    setLoad((current) => ({ ...current, loading: true, error: null }));
    latest.current
      .read(controller.signal)
      .then((answer) => {
        latest.current.keep(answer);
        setLoad((current) => ({ ...current, loading: false }));
      })
      .catch((failure: unknown) => {
        // Aborted means this page left (or re-ran the effect): nobody is waiting for the answer.
        if (isAbort(failure)) return;
        setLoad((current) => ({ ...current, loading: false, error: messageOf(failure) }));
      });
    return () => controller.abort();
  }, [isLoggedIn, attempt]);
  const retry = () => setLoad((current) => ({ ...current, attempt: current.attempt + 1 }));
  return [load, retry];
}

/**
 * The account page (exposed to the host): profile, address, my tickets and logout. It renders
 * no Provider: the host's (or the standalone entry's) is up the tree.
 */
export default function AccountPage({ onNavigate }: AccountPageProps) {
  const dispatch = useAppDispatch();
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const user = useAppSelector(selectUser);
  const [loggingOut, setLoggingOut] = useState(false);
  const [logoutProblem, setLogoutProblem] = useState<string | null>(null);

  // Fresh from the server on every visit: another tab or device may have changed either.
  const [profileLoad, retryProfile] = useServerRead(isLoggedIn, fetchMe, (me: UserPublic) => {
    dispatch(setUser(me));
  });
  const [ticketsLoad, retryTickets] = useServerRead(isLoggedIn, fetchTickets, (tickets: TicketPublic[]) => {
    dispatch(setTickets(tickets));
  });

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
        {logoutProblem && (
          <p role="alert" data-testid="logout-problem" style={{ color: '#b42318' }}>
            {logoutProblem}
          </p>
        )}
        <p>You are not signed in. Log in to see your profile and your support tickets.</p>
        <button type="button" onClick={() => onNavigate?.('/login')}>
          Log in
        </button>
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
        {profileLoad.error ? (
          <p role="alert" style={{ color: '#b42318' }}>
            Your profile could not be loaded: {profileLoad.error}{' '}
            <button type="button" onClick={retryProfile}>
              Try again
            </button>
          </p>
        ) : profileLoad.loading ? (
          <p role="status">Loading your profile…</p>
        ) : (
          // Starts from the profile just read; keyed so a retried read starts a fresh draft.
          <ProfileForm key={profileLoad.attempt} profile={user} />
        )}
      </section>

      <MyTickets loading={ticketsLoad.loading} error={ticketsLoad.error} onRetry={retryTickets} />

      <MySessions onSignedOutEverywhere={() => onNavigate?.('/')} />
    </section>
  );
}
