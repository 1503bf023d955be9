import {
  baseApi,
  clearUser,
  getStore,
  resetAll,
  selectAccessToken,
  setAt,
  setIsLoggedIn,
  setSessionChecked,
  setSessionRenewal,
  setUser,
} from '@myapp/store';
import { ApiError, apiUrl, describeFailure } from './http';
import type { LoginResult } from './types';

/**
 * The browser side of the session, in one place: the refresh credential stays in the API's httpOnly cookie, out of reach of every
 * script; the short-lived access token lives in the store's `user.at` only, and this module
 * renews it before it expires, after a reload, and when a call answers 401.
 *
 * Tabs tell each other "signed in" / "signed out" (never a secret) over a BroadcastChannel, or
 * through `storage` events where there is none; each tab then fetches its own access token.
 */

const SIGNAL_CHANNEL = 'myapp.session';
/** The storage key of the fallback signal; it holds `{type, at}` only, never a credential. */
const SIGNAL_KEY = 'myapp.session-signal';
/**
 * The API sets this script-readable cookie beside the httpOnly one. It holds no secret; it only
 * says a session cookie exists, so a visitor who never signed in is not sent to the refresh
 * endpoint (and a 401) on every page load.
 */
export const SESSION_HINT = 'myapp_session_present=1';
/** Set while a logout could not reach the server: the next page load finishes it first. */
const LOGOUT_PENDING_KEY = 'myapp.logout-pending';
/** Renew this long before the token expires, so a slow network never sends an expired one. */
const RENEW_BEFORE_MS = 60_000;
const RETRY_AFTER_FAILURE_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;

type SessionSignal = 'signed-in' | 'signed-out';

let inFlight: Promise<string | null> | null = null;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let started = false;
let channel: BroadcastChannel | null = null;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Seconds until a JWT expires, read from its payload (not a secret: the page holds the token). */
function secondsLeft(token: string): number | null {
  try {
    const payload = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const { exp } = JSON.parse(atob(payload)) as { exp?: number };
    return typeof exp === 'number' ? exp - Date.now() / 1000 : null;
  } catch {
    return null;
  }
}

function scheduleRenewal(token: string | null): void {
  if (renewTimer !== undefined) clearTimeout(renewTimer);
  renewTimer = undefined;
  if (!token) return;
  const left = secondsLeft(token);
  if (left === null) return;
  const delay = Math.max(left * 1000 - RENEW_BEFORE_MS, Math.min(left * 500, 5_000), 0);
  renewTimer = setTimeout(() => void refreshAccessToken(), delay);
}

/** Forgets the session in this page: every slice of every remote, and the renewal timer. */
function forgetSession(): void {
  const store = getStore();
  store.dispatch(resetAll());
  // The api's cache and its timers and subscriptions: nothing of this user's data stays cached.
  store.dispatch(baseApi.util.resetApiState());
  store.dispatch(clearUser());
  scheduleRenewal(null);
}

function keep(result: LoginResult): void {
  const store = getStore();
  store.dispatch(setAt({ at: result.token }));
  store.dispatch(setUser(result.user));
  store.dispatch(setIsLoggedIn({ isLoggedIn: true }));
}

async function post(path: string, token?: string | null, method: 'POST' | 'DELETE' = 'POST'): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(apiUrl(path), {
      method,
      headers,
      credentials: 'include',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new ApiError(`The shop's server cannot be reached (${(error as Error).message})`, 0);
  }
}

/**
 * Web Locks let one tab of this origin refresh at a time, so a second tab presents the cookie
 * the first one's refresh just rotated (the server tolerates a lost race for a few seconds too).
 */
function oneTabAtATime<T>(job: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  // request() resolves to what the job resolves to; its typing wraps that in a second Promise.
  return locks ? (locks.request('myapp.session-refresh', job) as unknown as Promise<T>) : job();
}

async function exchangeCookie(): Promise<string | null> {
  const response = await post('/auth/refresh');
  if (response.status === 401) {
    forgetSession();
    return null;
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw describeFailure(response.status, body);
  keep(body as LoginResult);
  return (body as LoginResult).token;
}

/**
 * A fresh access token from the session cookie, or null when there is no session (then the page
 * is signed out, every slice cleared). Concurrent callers share one request. A network failure
 * rejects and leaves the state as it is; the renewal is retried shortly.
 */
export function refreshAccessToken(): Promise<string | null> {
  inFlight ??= oneTabAtATime(exchangeCookie)
    .catch((error: unknown) => {
      if (renewTimer !== undefined) clearTimeout(renewTimer);
      renewTimer = setTimeout(() => void refreshAccessToken(), RETRY_AFTER_FAILURE_MS);
      throw error;
    })
    .finally(() => {
      inFlight = null;
      getStore().dispatch(setSessionChecked({ sessionChecked: true }));
    });
  return inFlight;
}

function announce(signal: SessionSignal): void {
  if (channel) {
    channel.postMessage(signal);
    return;
  }
  // No BroadcastChannel: a `storage` event reaches the other tabs of this origin instead.
  storage()?.setItem(SIGNAL_KEY, JSON.stringify({ type: signal, at: Date.now() }));
}

function hear(signal: unknown): void {
  if (signal === 'signed-out') forgetSession();
  else if (signal === 'signed-in') void refreshAccessToken().catch(() => undefined);
}

/** Called by @myapp/api's sign-in once the server has set the cookie. */
export function sessionStarted(): void {
  storage()?.removeItem(LOGOUT_PENDING_KEY);
  announce('signed-in');
}

export interface LogoutResult {
  /** False when the server could not be reached: the session may stay valid there until it expires. */
  serverReached: boolean;
  /** For the person, when the server could not be told; null otherwise. */
  problem: string | null;
}

async function tellServer(token: string | null): Promise<LogoutResult> {
  try {
    const response = await post('/auth/logout', token);
    // 401: the server had already ended this session; either way it is over there.
    if (response.ok || response.status === 401) {
      storage()?.removeItem(LOGOUT_PENDING_KEY);
      return { serverReached: true, problem: null };
    }
    const body: unknown = await response.json().catch(() => null);
    throw describeFailure(response.status, body);
  } catch (error) {
    storage()?.setItem(LOGOUT_PENDING_KEY, '1');
    const problem =
      'You are signed out in this browser, but the shop could not be told ' +
      `(${(error as Error).message}). It will be told the next time a page of the shop loads.`;
    return { serverReached: false, problem };
  }
}

/**
 * Signs out: the server revokes the session (and closes its chat sockets), this page forgets
 * everything and every other tab of the shop follows. When the server cannot be reached, the
 * page forgets everything all the same and the result says so, for the caller to tell the user.
 */
export async function logOut(): Promise<LogoutResult> {
  const result = await tellServer(selectAccessToken(getStore().getState()));
  forgetSession();
  announce('signed-out');
  return result;
}

/**
 * Signs out every session of this user, on every browser and device, then this page and its
 * sibling tabs. Rejects (and changes nothing here) when the server refuses or cannot be reached.
 */
export async function signOutEverywhere(): Promise<void> {
  const response = await post('/auth/sessions', selectAccessToken(getStore().getState()), 'DELETE');
  if (!response.ok && response.status !== 401) {
    throw describeFailure(response.status, await response.json().catch(() => null));
  }
  forgetSession();
  announce('signed-out');
}

/**
 * Starts the session for this page, once (the host's layout and every standalone shell call it;
 * later calls do nothing): restores the signed-in state from the cookie, keeps the access token
 * fresh, and follows the other tabs' sign-ins and sign-outs.
 */
export function startSession(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  // The store's api renews the session through here when a call answers 401.
  setSessionRenewal(refreshAccessToken);
  const store = getStore();
  let last = selectAccessToken(store.getState());
  store.subscribe(() => {
    const at = selectAccessToken(store.getState());
    if (at === last) return;
    last = at;
    scheduleRenewal(at);
  });
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(SIGNAL_CHANNEL);
    channel.onmessage = (event: MessageEvent) => hear(event.data);
  } else {
    window.addEventListener('storage', (event) => {
      if (event.key !== SIGNAL_KEY || !event.newValue) return;
      try {
        hear((JSON.parse(event.newValue) as { type?: unknown }).type);
      } catch {
        // Not ours to read.
      }
    });
  }
  if (storage()?.getItem(LOGOUT_PENDING_KEY)) {
    // The last logout never reached the server: finish it before anything else.
    void tellServer(null).finally(() => {
      forgetSession();
    });
    return;
  }
  const restored = selectAccessToken(store.getState());
  if (restored) {
    // The page was rendered on the server with the session (serverSession.ts), which sent the
    // rotated cookie along: nothing to ask now, only the token to keep fresh.
    scheduleRenewal(restored);
    return;
  }
  if (!document.cookie.split('; ').includes(SESSION_HINT)) {
    // No session cookie: signed out, known without asking the server.
    store.dispatch(clearUser());
    return;
  }
  void refreshAccessToken().catch((error: Error) => {
    console.warn(`[@myapp/api] the session could not be restored: ${error.message}`);
  });
}
