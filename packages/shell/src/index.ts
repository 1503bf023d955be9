/**
 * @myapp/shell: what every app shows or starts the same way. Bundled into each app deliberately,
 * not federated: it holds no state of its own (the session and the store it uses are the shared
 * singletons @myapp/api and @myapp/store), so a copy per app costs a few hundred bytes and no
 * extra request or version negotiation at start-up. The Next apps' `_document` and standalone
 * `_app` are in `@myapp/shell/document` and `@myapp/shell/next-app` (they import Next).
 */
export { ShopProvider } from './ShopProvider';
export { startStandalone } from './standalone';
export { SHOP_CURRENCY, formatMoney } from './money';
export { BRAND } from './brand';
export { LoginLink, ShopLink, goToLogin } from './LoginLink';
export type { Navigate } from './LoginLink';
export { Alert, LoadFailed, TICKET_STATUS_LABELS, formatDateTime } from './ui';
export { WithoutStore, useStoreAvailable } from './storeAvailability';
export { useMounted } from './mounted';
