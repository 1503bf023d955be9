import type { ReactNode } from 'react';
import Link from 'next/link';
import {
  selectIsLoggedIn,
  selectOpenTicketCount,
  selectSessionChecked,
  selectTotalCartItems,
  useAppSelector,
} from '@myapp/store';
import { HeaderFrame, PageSkeleton } from './AppSkeleton';
import SessionSync from './SessionSync';

function HeaderUser() {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const cartCount = useAppSelector(selectTotalCartItems);
  const openTickets = useAppSelector(selectOpenTicketCount);
  return (
    <>
      {isLoggedIn ? (
        <Link href="/account" data-testid="header-account" className="button">
          Account
        </Link>
      ) : (
        <Link href="/login" data-testid="header-login" className="button">
          Login
        </Link>
      )}
      <Link href="/support" className="badge" aria-label={`${openTickets} open support tickets`}>
        Tickets <span data-testid="ticket-count">{openTickets}</span>
      </Link>
      <Link href="/cart" className="badge" aria-label={`${cartCount} items in the cart`}>
        Cart <span data-testid="cart-count">{cartCount}</span>
      </Link>
    </>
  );
}

export default function Layout({ children }: { children: ReactNode }) {
  // Layout renders in the browser only (next/dynamic without SSR, see _app), after hydration.
  // Until the session cookie has been checked (one request after a reload), the header and the
  // page keep their skeleton: no remote shows "Log in" to a visitor who is in fact signed in.
  const ready = useAppSelector(selectSessionChecked);
  return (
    <div className="app">
      <SessionSync />
      <HeaderFrame>{ready ? <HeaderUser /> : undefined}</HeaderFrame>
      {ready ? <main className="page">{children}</main> : <PageSkeleton testId="session-restoring" />}
    </div>
  );
}
