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

/** A link to the login page, the one way every remote shows it. */
export function LoginLink({
  onNavigate,
  testId,
  className,
  children,
}: {
  onNavigate?: Navigate;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    goToLogin(onNavigate);
  };
  return (
    <a href={onNavigate ? '/login' : signInUrl()} data-testid={testId} className={className} onClick={follow}>
      {children}
    </a>
  );
}
