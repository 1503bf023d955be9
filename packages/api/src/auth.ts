import { apiRequest } from './client';
import type { LoginResult, OtpRequested } from './types';

/** Asks the server to send a one-time code to a mobile number. */
export function handleRequestMobileOTP(input: { mobile: string }): Promise<OtpRequested> {
  return apiRequest<OtpRequested>('/auth/otp', { method: 'POST', body: { mobile: input.mobile } });
}

/** Exchanges the code for an access token and the signed-in user. */
export function handleVerifyMobileOTP(input: { mobile: string; code: string }): Promise<LoginResult> {
  return apiRequest<LoginResult>('/auth/verify', { method: 'POST', body: input });
}

/** Revokes the current access token on the server. */
export function handleLogout(): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST' });
}
