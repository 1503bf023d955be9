import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { handleVerifyMobileOTP } from '@myapp/api';
import { setAt, setIsLoggedIn, setUser, useAppDispatch } from '@myapp/store';
import { Alert } from '@myapp/shell';

const CODE_LENGTH = 6;

export interface OTPVerifyProps {
  /** The number the code was sent to. */
  mobile: string;
  onVerified?: () => void;
}

/**
 * Six one-digit boxes for the code. On success it writes the token, the user and the login flag
 * into the shared store, and every mounted remote re-renders with them. No Provider here: the
 * host's (or the standalone entry's) is up the tree.
 */
export default function OTPVerify({ mobile, onVerified }: OTPVerifyProps) {
  const dispatch = useAppDispatch();
  const [digits, setDigits] = useState<string[]>(() => Array<string>(CODE_LENGTH).fill(''));
  const [verifying, setVerifying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);

  const fillFrom = (start: number, text: string) => {
    const incoming = text.replace(/\D/g, '').slice(0, CODE_LENGTH - start).split('');
    if (incoming.length === 0) return;
    setDigits((current) => {
      const next = [...current];
      incoming.forEach((digit, offset) => {
        next[start + offset] = digit;
      });
      return next;
    });
    inputs.current[Math.min(start + incoming.length, CODE_LENGTH - 1)]?.focus();
  };

  const handleChange = (index: number, value: string) => {
    if (value === '') {
      setDigits((current) => current.map((digit, i) => (i === index ? '' : digit)));
      return;
    }
    fillFrom(index, value);
  };

  const handleKeyDown = (index: number, event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Backspace' && digits[index] === '' && index > 0) inputs.current[index - 1]?.focus();
  };

  const handlePaste = (index: number, event: ClipboardEvent<HTMLInputElement>) => {
    event.preventDefault();
    fillFrom(index, event.clipboardData.getData('text'));
  };

  const code = digits.join('');
  const complete = code.length === CODE_LENGTH;

  const verify = async () => {
    setVerifying(true);
    setError(null);
    try {
      const result = await handleVerifyMobileOTP({ mobile, code });
      dispatch(setAt({ at: result.token }));
      dispatch(setUser(result.user));
      dispatch(setIsLoggedIn({ isLoggedIn: true }));
      onVerified?.();
    } catch (failure) {
      setError((failure as Error).message);
      setVerifying(false);
    }
  };

  return (
    <div className="otp-verify" style={{ display: 'grid', gap: '0.75rem' }}>
      <div role="group" aria-label="One-time code" style={{ display: 'flex', gap: '0.5rem' }}>
        {digits.map((digit, index) => (
          <input
            // The boxes never reorder, so their position is a stable key.
            key={index}
            ref={(element) => {
              inputs.current[index] = element;
            }}
            data-testid={`otp-digit-${index}`}
            aria-label={`Digit ${index + 1}`}
            inputMode="numeric"
            autoComplete={index === 0 ? 'one-time-code' : 'off'}
            maxLength={CODE_LENGTH}
            value={digit}
            onChange={(event) => handleChange(index, event.target.value)}
            onKeyDown={(event) => handleKeyDown(index, event)}
            onPaste={(event) => handlePaste(index, event)}
            style={{ width: '2.5rem', height: '3rem', textAlign: 'center', fontSize: '1.4rem' }}
          />
        ))}
      </div>
      <button type="button" data-testid="verify-otp" disabled={!complete || verifying} onClick={verify}>
        {verifying ? 'Verifying…' : 'Verify'}
      </button>
      {error && <Alert testId="otp-error">{error}</Alert>}
    </div>
  );
}
