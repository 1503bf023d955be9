import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { MAX_QUANTITY, MIN_QUANTITY, type CartItem } from '@myapp/store';
import { formatMoney } from '@myapp/shell';

/** How long typing may pause before the typed quantity is sent. */
const TYPING_PAUSE_MS = 600;

export interface CartLineProps {
  item: CartItem;
  onQuantity: (id: string, qty: number) => void;
  onSelected: (id: string, selected: boolean) => void;
  onRemove: (id: string) => void;
}

/**
 * One product in the cart. A typed quantity is kept as a draft and sent when typing pauses, on
 * Enter or when the field loses focus, so "12" is one change and not "1" then "12".
 */
export default function CartLine({ item, onQuantity, onSelected, onRemove }: CartLineProps) {
  const { id, name, price, qty, image, selected } = item;
  const [draft, setDraft] = useState<string | null>(null);

  const commit = useCallback(
    (text: string) => {
      // An empty field is someone in the middle of typing; leaving it empty restores the quantity.
      if (text.trim() === '') return;
      setDraft(null);
      const wanted = Number(text);
      if (Number.isFinite(wanted) && wanted !== qty) onQuantity(id, wanted);
    },
    [id, qty, onQuantity],
  );

  useEffect(() => {
    if (draft === null) return;
    const timer = window.setTimeout(() => commit(draft), TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, commit]);

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && draft !== null) commit(draft);
    if (event.key === 'Escape') setDraft(null);
  };

  const handleBlur = () => {
    if (draft === null) return;
    if (draft.trim() === '') setDraft(null);
    else commit(draft);
  };

  const step = (delta: number) => {
    setDraft(null);
    onQuantity(id, qty + delta);
  };

  return (
    <li
      data-testid="cart-line"
      data-product-id={id}
      data-selected={selected ? 'true' : 'false'}
      style={{
        display: 'grid',
        gridTemplateColumns: 'auto 4rem 1fr auto auto',
        alignItems: 'center',
        gap: '0.75rem',
        padding: '0.75rem 0',
        borderBottom: '1px solid #e5e1dc',
      }}
    >
      <input
        type="checkbox"
        data-testid="cart-line-select"
        aria-label={`Include ${name} in the order`}
        checked={selected}
        onChange={(event) => onSelected(id, event.target.checked)}
      />
      {image ? (
        <img src={image} alt="" width={64} height={64} style={{ objectFit: 'cover', borderRadius: '0.4rem' }} />
      ) : (
        <span aria-hidden="true" />
      )}
      <div>
        <div style={{ fontWeight: 600 }}>{name}</div>
        <div style={{ color: '#6b7280' }}>
          {formatMoney(price)} each · {formatMoney(price * qty)}
        </div>
      </div>
      <div role="group" aria-label={`Quantity of ${name}`} style={{ display: 'flex', gap: '0.25rem' }}>
        <button
          type="button"
          data-testid="cart-qty-decrease"
          aria-label={`One ${name} less`}
          disabled={qty <= MIN_QUANTITY}
          onClick={() => step(-1)}
        >
          −
        </button>
        <input
          type="number"
          data-testid="cart-qty"
          aria-label={`Quantity of ${name}`}
          inputMode="numeric"
          min={MIN_QUANTITY}
          max={MAX_QUANTITY}
          step={1}
          value={draft ?? String(qty)}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={handleKeyDown}
          onBlur={handleBlur}
          style={{ width: '4rem', textAlign: 'center', fontSize: '1rem' }}
        />
        <button
          type="button"
          data-testid="cart-qty-increase"
          aria-label={`One ${name} more`}
          disabled={qty >= MAX_QUANTITY}
          onClick={() => step(1)}
        >
          +
        </button>
      </div>
      <button type="button" data-testid="cart-remove" aria-label={`Remove ${name}`} onClick={() => onRemove(id)}>
        Remove
      </button>
    </li>
  );
}
