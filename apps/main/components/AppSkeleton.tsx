import type { ReactNode } from 'react';
import Link from 'next/link';

/** The page frame, with a placeholder where the user's part goes until the session is known. */
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
