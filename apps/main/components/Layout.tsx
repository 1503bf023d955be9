import type { ReactNode } from 'react';
import Link from 'next/link';
import { selectIsLoggedIn, selectTotalCartItems, useAppSelector } from '@myapp/store';
import { HeaderFrame } from './AppSkeleton';
import SessionSync from './SessionSync';
import { useMounted } from './useMounted';

function HeaderUser() {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const cartCount = useAppSelector(selectTotalCartItems);
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
      <span className="cart-badge" aria-label={`${cartCount} items in the cart`}>
        Cart <span data-testid="cart-count">{cartCount}</span>
      </span>
    </>
  );
}

export default function Layout({ children }: { children: ReactNode }) {
  const mounted = useMounted();
  return (
    <div className="app">
      <SessionSync />
      <HeaderFrame>{mounted ? <HeaderUser /> : undefined}</HeaderFrame>
      <main className="page">{children}</main>
    </div>
  );
}
