import { useState, type FormEvent } from 'react';
import type { Coupon } from '@myapp/store';
import { Alert } from '@myapp/shell';

export interface CouponFormProps {
  coupon: Coupon | null;
  /** The server's reason for refusing the last code, if it refused one. */
  error: string | null;
  /** Resolves to whether the server accepted the code. */
  onApply: (code: string) => Promise<boolean>;
  onRemove: () => void;
}

/** The coupon field: apply a code, see the applied one, remove it. The server decides what is valid. */
export default function CouponForm({ coupon, error, onApply, onRemove }: CouponFormProps) {
  const [code, setCode] = useState('');
  const [applying, setApplying] = useState(false);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setApplying(true);
    const accepted = await onApply(code.trim());
    setApplying(false);
    if (accepted) setCode('');
  };

  return (
    <div style={{ display: 'grid', gap: '0.5rem' }}>
      {coupon && (
        <p style={{ margin: 0, display: 'flex', gap: '0.75rem', alignItems: 'center' }}>
          <span data-testid="coupon-applied">
            Coupon <strong>{coupon.code}</strong>
            {coupon.description ? `: ${coupon.description}` : ''}
          </span>
          <button type="button" data-testid="remove-coupon" onClick={onRemove}>
            Remove coupon
          </button>
        </p>
      )}
      <form onSubmit={(event) => void handleSubmit(event)} style={{ display: 'flex', gap: '0.5rem' }}>
        <label htmlFor="coupon-input" style={{ alignSelf: 'center' }}>
          Coupon code
        </label>
        <input
          id="coupon-input"
          data-testid="coupon-input"
          autoComplete="off"
          maxLength={40}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          style={{ padding: '0.4rem', fontSize: '1rem' }}
        />
        <button type="submit" data-testid="apply-coupon" disabled={applying || code.trim() === ''}>
          {applying ? 'Applying…' : 'Apply'}
        </button>
      </form>
      {error && <Alert testId="coupon-error">{error}</Alert>}
    </div>
  );
}
