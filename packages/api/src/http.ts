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
export function describeFailure(status: number, body: unknown): ApiError {
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

/** The URL of an API path on the page's own origin (every server of the shop proxies the API). */
export function apiUrl(path: string, search?: URLSearchParams): string {
  const query = search && search.size ? `?${search.toString()}` : '';
  return `${federation.api.path}${path}${query}`;
}
