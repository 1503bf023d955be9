import type { ReactNode } from 'react';
import Link from 'next/link';

/** The page frame with placeholders where user-specific parts go once the store is mounted. */
export function HeaderFrame({ children }: { children?: ReactNode }) {
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        MyApp Shop
      </Link>
      <nav className="site-nav">
        <Link href="/">Home</Link>
        <Link href="/products">Products</Link>
        <Link href="/support">Support</Link>
        <Link href="/faq">FAQ</Link>
      </nav>
      <div className="header-user">{children ?? <span className="skeleton" aria-hidden="true" />}</div>
    </header>
  );
}

/** The page's place while what fills it is not known yet. */
export function PageSkeleton({ testId }: { testId?: string }) {
  return (
    <main className="page" aria-busy="true" data-testid={testId}>
      <div className="skeleton skeleton-block" />
    </main>
  );
}

/**
 * What the server sends and the browser shows until the store and the layout have loaded. It is
 * next/dynamic's loading state, so it also receives a failure to load them: then it says so
 * instead of waiting forever.
 */
export default function AppSkeleton({ error }: { error?: Error | null }) {
  return (
    <div className="app">
      <HeaderFrame />
      {error ? (
        <main className="page">
          <div role="alert" data-testid="app-error" className="remote-error">
            <strong>The shop could not start in this browser.</strong>
            <p>{error.message || String(error)}</p>
            <p>Reload the page to try again.</p>
          </div>
        </main>
      ) : (
        <PageSkeleton />
      )}
    </div>
  );
}
