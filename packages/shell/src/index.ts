/**
 * @myapp/shell: what every app shows or starts the same way. Bundled into each app deliberately,
 * not federated: it holds no state of its own (the session and the store it uses are the shared
 * singletons @myapp/api and @myapp/store), so a copy per app costs a few hundred bytes and no
 * extra request or version negotiation at start-up.
 */
export { ShopProvider } from './ShopProvider';
export { startStandalone } from './standalone';
export { formatMoney } from './money';
export { BRAND } from './brand';
export { LoginLink, ShopLink, goToLogin } from './LoginLink';
export type { Navigate } from './LoginLink';
