import { useState } from 'react';
import { signOutEverywhere, toApiError, useReadSessionsQuery, useSignOutSessionMutation } from '@myapp/api';
import { Alert, LoadFailed, formatDateTime } from '@myapp/shell';

export interface MySessionsProps {
  /** Called once every session, this one included, has been signed out. */
  onSignedOutEverywhere: () => void;
}

/**
 * Where the person is signed in (browser and system, last seen), with a way to sign out one
 * other session or all of them at once.
 */
export default function MySessions({ onSignedOutEverywhere }: MySessionsProps) {
  // Read when the page shows them, and again after a session is signed out here ('auth' tag).
  const { data: sessions, error: loadError, refetch } = useReadSessionsQuery();
  const [signOutSession] = useSignOutSessionMutation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (job: () => Promise<void>, after: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await job();
      after();
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="account-sessions-heading" data-testid="account-sessions">
      <h2 id="account-sessions-heading">Where you are signed in</h2>
      {error && <Alert>{error}</Alert>}
      <LoadFailed what="Your sessions" error={loadError} onRetry={refetch} />
      {!sessions && !loadError && <p role="status">Loading your sessions…</p>}
      {sessions && (
        <ul style={{ paddingLeft: '1.2rem' }}>
          {sessions.map((session) => (
            <li key={session.id} data-testid="account-session" data-current={session.current ? 'true' : 'false'}>
              <strong>{session.device}</strong>
              {session.current ? ' (this browser)' : ''} · signed in {formatDateTime(session.createdAt)} ·
              last seen {formatDateTime(session.lastSeenAt)}{' '}
              {!session.current && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void act(
                      () => signOutSession({ sessionId: session.id }).unwrap().then(() => undefined),
                      () => undefined,
                    )
                  }
                >
                  Sign out
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        data-testid="sign-out-everywhere"
        disabled={busy}
        onClick={() => void act(signOutEverywhere, onSignedOutEverywhere)}
      >
        Sign out everywhere
      </button>
    </section>
  );
}
