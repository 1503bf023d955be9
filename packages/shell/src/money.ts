const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** An amount in the shop's currency, as every remote writes it ($12.50). */
export function formatMoney(amount: number): string {
  return money.format(amount);
}
