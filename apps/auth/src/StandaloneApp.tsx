import { useEffect, useState } from 'react';
import { logOut, signInReturnTo } from '@myapp/api';
import { selectIsLoggedIn, selectPhoneNumber, selectSessionChecked, useAppSelector } from '@myapp/store';
import { Alert } from '@myapp/shell';
import Login from './components/Login';

/**
 * What a developer sees running Auth alone: the login flow and the state it leaves behind. It is
 * also the sign-in page of every other remote running standalone: they link here with
 * `?returnTo=<their page>`, and a successful sign-in goes back there (the session cookie belongs
 * to the host name, so the remote on its own port is signed in too).
 */
export default function StandaloneApp() {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const sessionChecked = useAppSelector(selectSessionChecked);
  const phoneNumber = useAppSelector(selectPhoneNumber);
  const [flowKey, setFlowKey] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const returnTo = signInReturnTo();

  useEffect(() => {
    if (isLoggedIn && returnTo) window.location.assign(returnTo);
  }, [isLoggedIn, returnTo]);

  if (!sessionChecked) return <p role="status">Checking your session…</p>;
  return (
    <div style={{ maxWidth: '32rem' }}>
      <p data-testid="standalone-status">
        {isLoggedIn ? `Signed in as ${phoneNumber ?? 'unknown'}` : 'Not signed in'}
      </p>
      {problem && <Alert testId="logout-problem">{problem}</Alert>}
      {isLoggedIn ? (
        <button
          type="button"
          data-testid="logout"
          onClick={() => {
            void logOut().then((result) => {
              setProblem(result.problem);
              setFlowKey((key) => key + 1);
            });
          }}
        >
          Log out
        </button>
      ) : (
        <Login key={flowKey} />
      )}
    </div>
  );
}
