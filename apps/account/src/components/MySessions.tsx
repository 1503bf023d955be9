import { useEffect, useState } from 'react';
import { fetchSessions, revokeSession, signOutEverywhere, type SignedInSession } from '@myapp/api';

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export interface MySessionsProps {
  /** Called once every session, this one included, has been signed out. */
  onSignedOutEverywhere: () => void;
}

/**
 * Where the person is signed in (browser and system, last seen), with a way to sign out one
 * other session or all of them at once. The list is this page's own state: no other remote
 * needs it.
 */
export default function MySessions({ onSignedOutEverywhere }: MySessionsProps) {
  const [sessions, setSessions] = useState<SignedInSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    fetchSessions(controller.signal)
      .then(setSessions)
      .catch((failure: Error) => {
        if (failure.name !== 'AbortError') setError(`Your sessions could not be loaded: ${failure.message}`);
      });
    return () => controller.abort();
  }, [attempt]);

  const act = async (job: () => Promise<void>, after: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await job();
      after();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="account-sessions-heading" data-testid="account-sessions">
      <h2 id="account-sessions-heading">Where you are signed in</h2>
      {error && (
        <p role="alert" style={{ color: '#b42318' }}>
          {error}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </p>
      )}
      {sessions === null && !error && <p role="status">Loading your sessions…</p>}
      {sessions && (
        <ul style={{ paddingLeft: '1.2rem' }}>
          {sessions.map((session) => (
            <li key={session.id} data-testid="account-session" data-current={session.current ? 'true' : 'false'}>
              <strong>{session.device}</strong>
              {session.current ? ' (this browser)' : ''} · signed in {when.format(new Date(session.createdAt))} ·
              last seen {when.format(new Date(session.lastSeenAt))}{' '}
              {!session.current && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void act(
                      () => revokeSession(session.id),
                      () => setSessions((list) => list?.filter((s) => s.id !== session.id) ?? null),
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
