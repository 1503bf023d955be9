import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { ShopProvider } from './ShopProvider';

/**
 * Starts a React remote on its own page, for development: the one provider around the remote's
 * standalone app, in #root. Every remote's bootstrap calls this (and nothing else).
 */
export function startStandalone(App: ComponentType): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <ShopProvider>
        <App />
      </ShopProvider>
    </StrictMode>,
  );
}
