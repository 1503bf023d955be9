import type { MouseEvent, ReactNode } from 'react';
import { signInUrl } from '@myapp/api';

/** The host's router, when there is one: exposed pages receive it as `onNavigate`. */
export type Navigate = (path: string) => void;

/**
 * Sends the person to sign in: the host's /login through its router inside the host (no page
 * reload, the store and every remote stay), the Auth remote's page when running standalone.
 */
export function goToLogin(onNavigate?: Navigate): void {
  if (onNavigate) onNavigate('/login');
  else window.location.assign(signInUrl());
}

/**
 * A link to a page of the shop: through the host's router when there is one (no reload, the store
 * and every remote stay), a plain link otherwise.
 */
export function ShopLink({
  to,
  onNavigate,
  testId,
  className,
  children,
}: {
  to: string;
  onNavigate?: Navigate;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!onNavigate) return;
    event.preventDefault();
    onNavigate(to);
  };
  return (
    <a href={to} data-testid={testId} className={className} onClick={follow}>
      {children}
    </a>
  );
}

/** A link to the login page, the one way every remote shows it. */
export function LoginLink(props: { onNavigate?: Navigate; testId?: string; className?: string; children: ReactNode }) {
  // Standalone, the Auth remote's own page (which comes back here); inside the host, its /login.
  return <ShopLink {...props} to={props.onNavigate ? '/login' : signInUrl()} />;
}
