import type { CartTotals } from '@myapp/api';
import { formatMoney } from '@myapp/shell';

/** The server's totals over the selected items; each amount also carries its number for scripts. */
export default function CartSummary({ totals, couponCode }: { totals: CartTotals; couponCode: string | null }) {
  const rows = [
    { label: 'Subtotal', testId: 'cart-subtotal', amount: totals.subtotal, shown: formatMoney(totals.subtotal) },
    {
      label: couponCode ? `Discount (${couponCode})` : 'Discount',
      testId: 'cart-discount',
      amount: totals.discount,
      shown: totals.discount > 0 ? `−${formatMoney(totals.discount)}` : formatMoney(0),
    },
    { label: 'Total', testId: 'cart-total', amount: totals.total, shown: formatMoney(totals.total) },
  ];
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: '1fr auto', gap: '0.25rem 1rem', margin: 0 }}>
      {rows.map((row) => (
        <div key={row.testId} style={{ display: 'contents' }}>
          <dt style={row.testId === 'cart-total' ? { fontWeight: 700 } : undefined}>{row.label}</dt>
          <dd
            data-testid={row.testId}
            data-amount={row.amount}
            style={{ margin: 0, textAlign: 'right', fontWeight: row.testId === 'cart-total' ? 700 : 400 }}
          >
            {row.shown}
          </dd>
        </div>
      ))}
      <dt style={{ color: '#6b7280' }}>Items in the order</dt>
      <dd style={{ margin: 0, textAlign: 'right', color: '#6b7280' }}>
        {totals.selectedItems} of {totals.totalItems}
      </dd>
    </dl>
  );
}
