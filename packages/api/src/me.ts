import { apiRequest } from './client';
import type { UserPublic, UserUpdate } from './types';

/** The signed-in user's profile. */
export function fetchMe(signal?: AbortSignal): Promise<UserPublic> {
  return apiRequest<UserPublic>('/me', { signal });
}

/** Changes some profile fields; `null` clears one. */
export function updateMe(change: UserUpdate): Promise<UserPublic> {
  return apiRequest<UserPublic>('/me', { method: 'PATCH', body: change });
}
