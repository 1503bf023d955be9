import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { ShopProvider } from './ShopProvider';

/**
 * Starts a React remote on its own page, for development: the one provider around what the host
 * would mount (the exposed page itself, without the host's router: its links then navigate
 * normally, and signing in goes through the Auth remote's own page), in #root. Every remote's
 * bootstrap calls this (and nothing else).
 */
export function startStandalone(Page: ComponentType): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <ShopProvider>
        <main style={{ maxWidth: '56rem', margin: '2rem auto', padding: '0 1rem' }}>
          <Page />
        </main>
      </ShopProvider>
    </StrictMode>,
  );
}
