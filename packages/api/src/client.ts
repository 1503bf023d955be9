import { getStore, selectAccessToken } from '@myapp/store';
import { ApiError, apiUrl, describeFailure } from './http';
import { refreshAccessToken } from './session';

export { ApiError };

function currentToken(): string | null {
  // No store exists on the server; server-side calls are anonymous.
  if (typeof window === 'undefined') return null;
  return selectAccessToken(getStore().getState());
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
}

/**
 * Calls the API on the page's own origin (every server proxies the API path), with the access
 * token from the store. A 401 on an authenticated call means the token expired or its session
 * ended: the token is renewed from the session cookie once and the call repeated; when there is
 * no session any more, @myapp/api has already signed the user out for every remote at once.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}, renewed = false): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = currentToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(apiUrl(path, search), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(`The shop's server cannot be reached (${(error as Error).message})`, 0);
  }

  if (response.status === 401 && token && !renewed) {
    const fresh = await refreshAccessToken();
    if (fresh) return apiRequest<T>(path, options, true);
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw describeFailure(response.status, body);
  return body as T;
}
