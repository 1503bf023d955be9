import { getStore } from '@myapp/store';
import { toApiError } from './errors';
import { sessionStarted } from './session';
import { shopApi } from './shopApi';
import type { LoginResult, OtpRequested } from './types';

/**
 * Runs one mutation outside a component (the reference's named calls), resolving to its answer
 * or rejecting with an ApiError that names the field at fault.
 */
async function mutate<T>(request: { unwrap(): Promise<T>; reset(): void }): Promise<T> {
  try {
    return await request.unwrap();
  } catch (failure) {
    throw toApiError(failure);
  } finally {
    // Nobody reads the mutation's entry later: do not keep it in the cache.
    request.reset();
  }
}

/** Asks the server to send a one-time code to a mobile number. */
export function handleRequestMobileOTP(input: { mobile: string }): Promise<OtpRequested> {
  return mutate(getStore().dispatch(shopApi.endpoints.requestOtp.initiate({ otpRequest: { mobile: input.mobile } })));
}

/**
 * Exchanges the code for a session: the server sets the httpOnly session cookie and answers with
 * a short-lived access token and the user, for the store. The shop's other tabs sign in too.
 */
export async function handleVerifyMobileOTP(input: { mobile: string; code: string }): Promise<LoginResult> {
  const result = await mutate(getStore().dispatch(shopApi.endpoints.verifyOtp.initiate({ otpVerify: input })));
  sessionStarted();
  return result;
}
