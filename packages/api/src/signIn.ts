import federation from '../../../federation.json';

/**
 * Where a remote sends a person to sign in. Inside the host (or behind the one-origin edge) that
 * is the host's `/login`. A remote running standalone on its own port has no `/login`; it sends
 * the person to the Auth remote's standalone page on the same host name instead, which signs in
 * and comes back: the session cookie belongs to the host name, so every port shares it.
 */
export function signInUrl(returnTo: string = window.location.href): string {
  const standalonePorts = Object.entries(federation.apps)
    .filter(([name]) => name !== federation.host)
    .map(([, app]) => String(app.port));
  if (!standalonePorts.includes(window.location.port)) return '/login';
  const auth = federation.apps.auth;
  const page = `${window.location.protocol}//${window.location.hostname}:${auth.port}${auth.path}/`;
  return `${page}?returnTo=${encodeURIComponent(returnTo)}`;
}

/**
 * The `returnTo` of the current URL when it is a page of this shop (same host name, one of the
 * federation's ports), or null: never an open redirect to another site.
 */
export function signInReturnTo(): string | null {
  const raw = new URLSearchParams(window.location.search).get('returnTo');
  if (!raw) return null;
  try {
    const target = new URL(raw, window.location.href);
    const ports = Object.values(federation.apps).map((app) => String(app.port));
    const sameShop =
      target.hostname === window.location.hostname &&
      target.protocol === window.location.protocol &&
      (target.origin === window.location.origin || ports.includes(target.port));
    return sameShop ? target.href : null;
  } catch {
    return null;
  }
}
