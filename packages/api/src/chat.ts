import { getStore, selectAccessToken } from '@myapp/store';
import federation from '../../../federation.json';
import type { ChatMessagePublic } from './types';

/** What the chat socket sends: the history on connect, then each new message. */
export type ChatEvent =
  | { type: 'history'; messages: ChatMessagePublic[] }
  | { type: 'message'; message: ChatMessagePublic }
  | { type: 'error'; detail: string };

/** The API closes a chat socket with this code when its token expired or its session ended. */
export const CHAT_SOCKET_UNAUTHORIZED = 4401;

/** Hands a socket the current access token (its first frame, and again after each renewal). */
export function authenticateChatSocket(socket: WebSocket): void {
  const token = selectAccessToken(getStore().getState());
  if (token && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'auth', token }));
}

/**
 * Opens the signed-in user's chat socket on the page's own origin. No credential goes in the URL
 * (access logs keep URLs): the access token is the socket's first frame, checked by the server
 * before it sends or stores anything.
 */
export function openChatSocket(): WebSocket {
  if (!selectAccessToken(getStore().getState())) throw new Error('Sign in to use the support chat');
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${window.location.host}${federation.api.path}/chat/ws`);
  socket.addEventListener('open', () => authenticateChatSocket(socket));
  return socket;
}
