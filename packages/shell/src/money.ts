/** The shop's currency (ISO 4217), for prices as text and in structured data alike. */
export const SHOP_CURRENCY = 'USD';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: SHOP_CURRENCY });

/** An amount in the shop's currency, as every remote writes it ($12.50). */
export function formatMoney(amount: number): string {
  return money.format(amount);
}
