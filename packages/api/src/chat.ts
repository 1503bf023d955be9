import { getStore, selectAccessToken } from '@myapp/store';
import federation from '../../../federation.json';
import { apiRequest } from './client';
import type { ChatMessagePublic } from './types';

/** The conversation's history, oldest first. */
export function fetchChatMessages(signal?: AbortSignal): Promise<ChatMessagePublic[]> {
  return apiRequest<ChatMessagePublic[]>('/chat/messages', { signal });
}

export function sendChatMessage(text: string): Promise<ChatMessagePublic> {
  return apiRequest<ChatMessagePublic>('/chat/messages', { method: 'POST', body: { text } });
}

/** What the chat socket sends: the history on connect, then each new message. */
export type ChatEvent =
  | { type: 'history'; messages: ChatMessagePublic[] }
  | { type: 'message'; message: ChatMessagePublic }
  | { type: 'error'; detail: string };

/**
 * Opens the signed-in user's chat socket on the page's own origin. Browsers cannot set headers
 * on a WebSocket, so the token travels as a query parameter.
 */
export function openChatSocket(): WebSocket {
  const token = selectAccessToken(getStore().getState());
  if (!token) throw new Error('Sign in to use the support chat');
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${window.location.host}${federation.api.path}/chat/ws?token=${encodeURIComponent(token)}`;
  return new WebSocket(url);
}
