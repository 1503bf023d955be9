import { LoginLink, type Navigate } from '@myapp/shell';
import { selectIsLoggedIn, useAppSelector } from '@myapp/store';
import SupportChat from './SupportChat';
import TicketDesk from './TicketDesk';

export interface SupportPageProps {
  /** The host's router, when it passes one; without it the login link goes to the Auth remote's own page. */
  onNavigate?: Navigate;
}

/**
 * The support page (exposed to the host): my tickets and the live chat. Renders no Provider:
 * the host's is up the tree.
 */
export default function SupportPage({ onNavigate }: SupportPageProps) {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);

  if (!isLoggedIn) {
    return (
      <section data-testid="support-page">
        <h1>Support</h1>
        <p>Log in to open a support ticket or to chat with us.</p>
        <LoginLink onNavigate={onNavigate} className="button" testId="support-login">
          Log in
        </LoginLink>
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
