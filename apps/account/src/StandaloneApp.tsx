import { useState } from 'react';
import ClientReduxProvider from './components/ClientReduxProvider';
import AccountPage from './components/AccountPage';

/**
 * The remote on its own, for development: its own provider around what the host would mount.
 * There is no host router here, so a navigation the page asks for is shown instead of followed.
 */
export default function StandaloneApp() {
  const [requestedPath, setRequestedPath] = useState<string | null>(null);
  return (
    <ClientReduxProvider>
      <main style={{ maxWidth: '56rem', margin: '2rem auto', padding: '0 1rem' }}>
        {requestedPath && (
          <p role="status" data-testid="standalone-navigation">
            In the shop, the host would now open {requestedPath}.
            {requestedPath === '/login' &&
              ' Running alone, sign in by saving a token under localStorage "myapp.session" on this origin.'}
          </p>
        )}
        <AccountPage onNavigate={setRequestedPath} />
      </main>
    </ClientReduxProvider>
  );
}
