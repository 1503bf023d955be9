import {
  getStore,
  receiveMessage,
  selectAccessToken,
  setMessages,
} from '@myapp/store';
import { CHAT_SOCKET_UNAUTHORIZED, authenticateChatSocket, openChatSocket, type ChatEvent } from './chat';
import { toApiError } from './errors';
import { refreshAccessToken } from './session';
import { shopApi } from './shopApi';
import type { ChatMessagePublic } from './types';

export type ChatStatus = 'connecting' | 'connected' | 'disconnected';

/** What the chat connection looks like; the messages themselves are in the store's chat slice. */
export interface ChatConnection {
  status: ChatStatus;
  /** How long the chat waits before its next connection attempt, while it waits. */
  retryInMs: number | null;
  /** The last thing that went wrong: a refused session, a bad frame, a failed send. */
  error: string | null;
}

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

/** Exponential backoff: 1 s, 2 s, 4 s … up to 30 s, so a down API is not hammered. */
export function retryDelay(attempt: number): number {
  return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
}

/** The socket of the one open chat stream of this page, for sending through it. */
let liveSocket: WebSocket | null = null;

/**
 * Closes a socket nobody wants any more, without a console error: closing one that is still
 * connecting makes Chromium log "closed before the connection is established", so such a socket
 * is closed as soon as it opens instead.
 */
function discard(socket: WebSocket): void {
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
  if (socket.readyState === WebSocket.CONNECTING) socket.onopen = () => socket.close(1000);
  else socket.close(1000);
}

/**
 * The support chat as an RTK Query streaming query: while a component uses it, one WebSocket is
 * open (whoever else uses it shares it); its history and new messages go to the store's chat
 * slice, its state to the cached entry. It reconnects with backoff, renews the session on a 4401
 * close, and hands the open socket every renewed access token.
 */
export const chatApi = shopApi.injectEndpoints({
  endpoints: (build) => ({
    chatStream: build.query<ChatConnection, void>({
      queryFn: () => ({ data: { status: 'connecting', retryInMs: null, error: null } }),
      keepUnusedDataFor: 0,
      async onCacheEntryAdded(_arg, { dispatch, updateCachedData, cacheDataLoaded, cacheEntryRemoved }) {
        await cacheDataLoaded;
        const set = (change: Partial<ChatConnection>) =>
          updateCachedData((state) => {
            Object.assign(state, change);
          });
        let attempt = 0;
        let removed = false;
        let socket: WebSocket | null = null;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const store = getStore();
        let token = selectAccessToken(store.getState());
        const unsubscribe = store.subscribe(() => {
          const fresh = selectAccessToken(store.getState());
          if (fresh === token) return;
          token = fresh;
          if (fresh && socket) authenticateChatSocket(socket);
        });

        const onFrame = (data: unknown) => {
          if (typeof data !== 'string') return;
          let event: ChatEvent;
          try {
            event = JSON.parse(data) as ChatEvent;
          } catch {
            set({ error: 'The chat server sent a message this page cannot read.' });
            return;
          }
          if (event.type === 'history') dispatch(setMessages(event.messages));
          else if (event.type === 'message') dispatch(receiveMessage(event.message));
          else set({ error: event.detail });
        };

        const connect = () => {
          timer = undefined;
          set({ status: 'connecting', retryInMs: null });
          let opened: WebSocket;
          try {
            opened = openChatSocket();
          } catch (failure) {
            set({ status: 'disconnected', error: (failure as Error).message });
            return;
          }
          socket = opened;
          opened.onopen = () => {
            attempt = 0;
            liveSocket = opened;
            set({ status: 'connected', error: null });
          };
          opened.onmessage = (event: MessageEvent) => onFrame(event.data);
          opened.onclose = (event: CloseEvent) => {
            socket = null;
            if (liveSocket === opened) liveSocket = null;
            set({ status: 'disconnected' });
            if (event.code === CHAT_SOCKET_UNAUTHORIZED) {
              // The token expired, or the session ended. A renewal tells which: with a fresh token
              // the chat reconnects at once; without a session @myapp/api signs out every remote.
              refreshAccessToken().then(
                (fresh) => {
                  if (fresh && !removed) connect();
                  else if (!fresh) set({ error: 'Your session has ended. Log in again to chat with support.' });
                },
                (failure: Error) => set({ error: `The chat could not reconnect: ${failure.message}` }),
              );
              return;
            }
            const delay = retryDelay(attempt);
            attempt += 1;
            set({ retryInMs: delay });
            timer = setTimeout(connect, delay);
          };
        };

        // On the next tick: a subscription made and dropped at once (React's StrictMode in
        // development) then opens no socket at all.
        timer = setTimeout(connect, 0);
        await cacheEntryRemoved;
        removed = true;
        unsubscribe();
        if (timer !== undefined) clearTimeout(timer);
        if (socket) {
          if (liveSocket === socket) liveSocket = null;
          discard(socket);
        }
      },
    }),
  }),
});

export const { useChatStreamQuery } = chatApi;

/**
 * Sends one chat message: through the open socket (the server answers every connection with a
 * "message" frame, this one included), or while it reconnects through the HTTP route, whose
 * answer reaches the chat slice too. Rejects with an ApiError when it could not be sent.
 */
export async function sendChatMessage(text: string): Promise<ChatMessagePublic | null> {
  if (liveSocket?.readyState === WebSocket.OPEN) {
    liveSocket.send(JSON.stringify({ text }));
    return null;
  }
  const request = getStore().dispatch(shopApi.endpoints.createChatMessage.initiate({ chatMessageCreate: { text } }));
  try {
    return await request.unwrap();
  } catch (failure) {
    throw toApiError(failure);
  } finally {
    request.reset();
  }
}
