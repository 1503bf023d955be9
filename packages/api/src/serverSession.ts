import {
  apiOrigin,
  clearUser,
  setAt,
  setIsLoggedIn,
  setUser,
  type AppStore,
} from '@myapp/store';
import { apiUrl, describeFailure } from './http';
import { SESSION_HINT } from './session';
import { shopApi } from './shopApi';
import type { LoginResult } from './types';

/** A server render waits this long for the session; then the browser restores it as before. */
const SERVER_SESSION_TIMEOUT_MS = 3_000;

/** What a server render knows of the page request it answers. */
export interface PageRequest {
  /** The request's `Cookie` header, as the browser sent it. */
  cookie?: string;
  /** The browser's `User-Agent`, so the session's device and last-seen time stay the browser's. */
  userAgent?: string;
}

/** What the server render must do with the answer besides rendering it. */
export interface ServerSession {
  /** The visitor is signed in: the page is personalised (`Cache-Control: private`). */
  signedIn: boolean;
  /** The API's `Set-Cookie` headers, to be sent to the browser with the page (never into the store). */
  setCookies: string[];
}

/**
 * The visitor's session for one server render, in that request's own store (`makeServerStore()`):
 * who is signed in, their cart and their tickets, so the first HTML shows Account, the cart count
 * and the open ticket count. Data goes through the same api cache the browser uses.
 *
 * Why the server exchanges the cookie and forwards the rotated one (and has no read-only way in):
 * the refresh endpoint rotates the credential with reuse detection, so a copied cookie is worth one
 * use. A read-only "peek" would let a copied cookie read the account (through any server render)
 * for as long as it lives without ever being detected. So the server spends the browser's
 * credential exactly as the browser would, and hands the successor back to the browser with the
 * page (`setCookies`): the browser's next refresh presents the new credential, not a burned one.
 * The access token goes into the page's state (the page holds it in memory anyway; the page is
 * `private, no-store`), so the browser does not refresh again on load. The cost: if the page never
 * reaches the browser (a navigation aborted mid-response), the browser keeps the old credential,
 * which works for REFRESH_REUSE_GRACE_SECONDS ("raced") and after that counts as reused and ends
 * the session, as for a browser whose own refresh answer was lost.
 *
 * Without the hint cookie nothing is asked: signed out, as the browser would conclude. When the
 * API cannot be reached in time, the session stays unchecked and the browser restores it itself.
 */
export async function startServerSession(store: AppStore, request: PageRequest): Promise<ServerSession> {
  const cookies = (request.cookie ?? '').split(/;\s*/);
  if (!cookies.includes(SESSION_HINT)) {
    store.dispatch(clearUser());
    return { signedIn: false, setCookies: [] };
  }
  const headers: Record<string, string> = { Accept: 'application/json', Cookie: request.cookie ?? '' };
  if (request.userAgent) headers['User-Agent'] = request.userAgent;
  let response: Response;
  try {
    // A server-to-server call with the browser's cookie: hand-written because the credential and
    // the Set-Cookie headers must never pass through the store (its state is sent in the page).
    response = await fetch(`${apiOrigin()}${apiUrl('/auth/refresh')}`, {
      method: 'POST',
      headers,
      signal: AbortSignal.timeout(SERVER_SESSION_TIMEOUT_MS),
    });
  } catch (error) {
    console.warn(`[@myapp/api] server render: the session could not be checked (${(error as Error).message})`);
    return { signedIn: false, setCookies: [] };
  }
  const setCookies = response.headers.getSetCookie();
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401) {
    // The API refused the cookie and cleared it (setCookies): signed out, as in the browser.
    store.dispatch(clearUser());
    return { signedIn: false, setCookies };
  }
  if (!response.ok) {
    console.warn(`[@myapp/api] server render: ${describeFailure(response.status, body).message}`);
    return { signedIn: false, setCookies };
  }
  const result = body as LoginResult;
  store.dispatch(setAt({ at: result.token }));
  store.dispatch(setUser(result.user));
  store.dispatch(setIsLoggedIn({ isLoggedIn: true }));
  // The header's counts (cart, open tickets) come from these answers through the slices' matchers.
  store.dispatch(shopApi.endpoints.readCart.initiate());
  store.dispatch(shopApi.endpoints.readTickets.initiate());
  store.dispatch(shopApi.endpoints.readMe.initiate());
  return { signedIn: true, setCookies };
}

/** Waits for every query a server render started in its store (the page's data), whatever their outcome. */
export async function serverQueriesSettled(store: AppStore): Promise<void> {
  await Promise.all(store.dispatch(shopApi.util.getRunningQueriesThunk()));
}
