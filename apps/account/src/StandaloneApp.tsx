import { useState } from 'react';
import { goToLogin } from '@myapp/shell';
import AccountPage from './components/AccountPage';

/**
 * The remote on its own, for development: the shell's provider (bootstrap.tsx) around what the host would mount.
 * There is no host router here, so a navigation the page asks for is shown instead of followed,
 * except signing in, which the Auth remote's standalone page does.
 */
export default function StandaloneApp() {
  const [requestedPath, setRequestedPath] = useState<string | null>(null);
  return (
    <main style={{ maxWidth: '56rem', margin: '2rem auto', padding: '0 1rem' }}>
        {requestedPath && (
          <p role="status" data-testid="standalone-navigation">
            In the shop, the host would now open {requestedPath}.
          </p>
        )}
        <AccountPage
          onNavigate={(path) => {
            // Signing in works standalone too: on the Auth remote's own page, which comes back here.
            if (path === '/login') goToLogin();
            else setRequestedPath(path);
          }}
        />
    </main>
  );
}
