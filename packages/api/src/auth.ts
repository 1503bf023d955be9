import { apiRequest } from './client';
import { sessionStarted } from './session';
import type { LoginResult, OtpRequested, SignedInSession } from './types';

/** Asks the server to send a one-time code to a mobile number. */
export function handleRequestMobileOTP(input: { mobile: string }): Promise<OtpRequested> {
  return apiRequest<OtpRequested>('/auth/otp', { method: 'POST', body: { mobile: input.mobile } });
}

/**
 * Exchanges the code for a session: the server sets the httpOnly session cookie and answers with
 * a short-lived access token and the user, for the store. The shop's other tabs sign in too.
 */
export async function handleVerifyMobileOTP(input: { mobile: string; code: string }): Promise<LoginResult> {
  const result = await apiRequest<LoginResult>('/auth/verify', { method: 'POST', body: input });
  sessionStarted();
  return result;
}

/** My signed-in sessions (browsers and devices), most recently seen first. */
export function fetchSessions(signal?: AbortSignal): Promise<SignedInSession[]> {
  return apiRequest<SignedInSession[]>('/auth/sessions', { signal });
}

/** Signs out one of my sessions (another browser, a lost phone). */
export function revokeSession(id: string): Promise<void> {
  return apiRequest<void>(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
