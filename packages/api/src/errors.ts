import type { SerializedError } from '@reduxjs/toolkit';
import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import { ApiError, describeFailure } from './http';

/** What an RTK Query hook or `unwrap()` reports when a call failed. */
export type QueryFailure = FetchBaseQueryError | SerializedError | undefined;

/**
 * One sentence for a person, from an RTK Query failure: the server's own message (and field) for
 * an HTTP error, the reason the server could not be reached otherwise.
 */
export function toApiError(failure: QueryFailure | unknown): ApiError {
  if (failure instanceof ApiError) return failure;
  const error = failure as { status?: unknown; data?: unknown; error?: unknown; message?: unknown } | null;
  if (error && typeof error.status === 'number') return describeFailure(error.status, error.data);
  if (error && typeof error.error === 'string') {
    return new ApiError(`The shop's server cannot be reached (${error.error})`, 0);
  }
  return new ApiError(typeof error?.message === 'string' ? error.message : 'Something went wrong', 0);
}

/** The message of a failed query or mutation, or null when there is none. */
export function failureMessage(failure: QueryFailure): string | null {
  return failure ? toApiError(failure).message : null;
}
