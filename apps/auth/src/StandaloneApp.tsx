import { useState } from 'react';
import { resetAll, selectIsLoggedIn, selectPhoneNumber, useAppDispatch, useAppSelector } from '@myapp/store';
import ClientReduxProvider from './components/ClientReduxProvider';
import Login from './components/Login';

/** What a developer sees running Auth alone: the login flow and the state it leaves behind. */
function StandaloneShell() {
  const dispatch = useAppDispatch();
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const phoneNumber = useAppSelector(selectPhoneNumber);
  const [flowKey, setFlowKey] = useState(0);
  return (
    <div style={{ maxWidth: '32rem', margin: '2rem auto', padding: '0 1rem' }}>
      <p data-testid="standalone-status">
        {isLoggedIn ? `Signed in as ${phoneNumber ?? 'unknown'}` : 'Not signed in'}
      </p>
      {isLoggedIn ? (
        <button
          type="button"
          onClick={() => {
            dispatch(resetAll());
            setFlowKey((key) => key + 1);
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

export default function StandaloneApp() {
  return (
    <ClientReduxProvider>
      <StandaloneShell />
    </ClientReduxProvider>
  );
}
