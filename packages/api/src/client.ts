import { clearUser, getStore, selectAccessToken } from '@myapp/store';
import federation from '../../../federation.json';

/** A failed API call, with the server's message and, for invalid input, the field at fault. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ValidationIssue {
  loc?: (string | number)[];
  msg?: string;
}

/** Turns FastAPI's error bodies (`{detail: "..."}` or `{detail: [{loc, msg}]}`) into one message. */
function describeFailure(status: number, body: unknown): ApiError {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === 'string') return new ApiError(detail, status);
  if (Array.isArray(detail) && detail.length > 0) {
    const issue = detail[0] as ValidationIssue;
    const field = issue.loc?.filter((part) => part !== 'body' && part !== 'query').join('.') || null;
    const message = field ? `${field}: ${issue.msg ?? 'is invalid'}` : (issue.msg ?? 'Invalid input');
    return new ApiError(message, status, field);
  }
  return new ApiError(`The server answered ${status}`, status);
}

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
 * token from the store. A 401 on an authenticated call means the token is no longer valid, so
 * the user is signed out in the store, for every remote at once.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const url = `${federation.api.path}${path}${search.size ? `?${search.toString()}` : ''}`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = currentToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(`The shop's server cannot be reached (${(error as Error).message})`, 0);
  }

  if (response.status === 401 && token) getStore().dispatch(clearUser());
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw describeFailure(response.status, body);
  return body as T;
}
