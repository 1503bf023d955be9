const moneyFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** A price or total as the shop shows it everywhere (the API's amounts are in dollars). */
export function formatMoney(amount: number): string {
  return moneyFormat.format(amount);
}
