import type { MouseEvent } from 'react';
import { signInUrl } from '@myapp/api';
import { selectIsLoggedIn, useAppSelector } from '@myapp/store';
import SupportChat from './SupportChat';
import TicketDesk from './TicketDesk';

export interface SupportPageProps {
  /** The host's router, when it passes one; without it the login link goes to the Auth remote's own page. */
  onNavigate?: (path: string) => void;
}

/**
 * The support page (exposed to the host): my tickets and the live chat. Renders no Provider:
 * the host's is up the tree.
 */
export default function SupportPage({ onNavigate }: SupportPageProps) {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);

  if (!isLoggedIn) {
    const goToLogin = (event: MouseEvent<HTMLAnchorElement>) => {
      if (!onNavigate) return;
      event.preventDefault();
      onNavigate('/login');
    };
    return (
      <section data-testid="support-page">
        <h1>Support</h1>
        <p>Log in to open a support ticket or to chat with us.</p>
        <a href={onNavigate ? '/login' : signInUrl()} className="button" data-testid="support-login" onClick={goToLogin}>
          Log in
        </a>
      </section>
    );
  }

  return (
    <section data-testid="support-page">
      <h1>Support</h1>
      <div
        style={{
          display: 'grid',
          gap: '2rem',
          gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))',
          alignItems: 'start',
        }}
      >
        <TicketDesk />
        <SupportChat />
      </div>
    </section>
  );
}
