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

/** What the server sends and the browser shows until the store and the layout have loaded. */
export default function AppSkeleton() {
  return (
    <div className="app">
      <HeaderFrame />
      <main className="page" aria-busy="true">
        <div className="skeleton skeleton-block" />
      </main>
    </div>
  );
}
