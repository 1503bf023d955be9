import { useState, type FormEvent } from 'react';
import { handleRequestMobileOTP } from '@myapp/api';
import { Alert, type Navigate } from '@myapp/shell';
import OTPVerify from './OTPVerify';

export interface LoginProps {
  /** The host's router; called with '/' once the user is signed in. */
  onNavigate?: Navigate;
}

/**
 * Mobile-number login: asks the API for a one-time code, then hands over to OTPVerify.
 * Exposed to the host; it renders no Provider of its own.
 */
export default function Login({ onNavigate }: LoginProps) {
  const [mobile, setMobile] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const requestCode = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      const result = await handleRequestMobileOTP({ mobile });
      setSentTo(result.mobile);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setSending(false);
    }
  };

  if (sentTo) {
    return (
      <section className="auth-login">
        <h1>Enter your code</h1>
        <p>We sent a six-digit code to {sentTo}.</p>
        <OTPVerify mobile={sentTo} onVerified={() => onNavigate?.('/')} />
        <p>
          <button type="button" className="link-button" onClick={() => setSentTo(null)}>
            Use another number
          </button>
        </p>
      </section>
    );
  }

  return (
    <section className="auth-login">
      <h1>Log in</h1>
      <form onSubmit={requestCode} style={{ display: 'grid', gap: '0.75rem', maxWidth: '22rem' }}>
        <label htmlFor="mobile-input">Mobile number</label>
        <input
          id="mobile-input"
          data-testid="mobile-input"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="+1 555 010 0000"
          value={mobile}
          onChange={(event) => setMobile(event.target.value)}
          required
          style={{ padding: '0.5rem', fontSize: '1rem' }}
        />
        <button type="submit" data-testid="send-otp" disabled={sending || mobile.trim() === ''}>
          {sending ? 'Sending…' : 'Send code'}
        </button>
        {error && <Alert testId="login-error">{error}</Alert>}
      </form>
    </section>
  );
}
