import { useCallback, useEffect, useRef, useState } from 'react';
import {
  CHAT_SOCKET_UNAUTHORIZED,
  authenticateChatSocket,
  openChatSocket,
  refreshAccessToken,
  sendChatMessage,
  type ChatEvent,
} from '@myapp/api';
import {
  receiveMessage,
  selectAccessToken,
  selectIsLoggedIn,
  setMessages,
  useAppSelector,
  useAppStore,
} from '@myapp/store';

export type ChatStatus = 'connecting' | 'connected' | 'disconnected';

export interface ChatConnection {
  status: ChatStatus;
  /** How long the chat waits before its next connection attempt, while it waits. */
  retryInMs: number | null;
  /** The last thing that went wrong: a refused session, a bad frame, a failed send. */
  error: string | null;
  /** Sends one message; resolves to false (with `error` set) when it could not be sent. */
  send(text: string): Promise<boolean>;
}

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

/** Exponential backoff: 1 s, 2 s, 4 s … up to 30 s, so a down API is not hammered. */
export function retryDelay(attempt: number): number {
  return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
}

/**
 * Closes a socket this component no longer wants, without a console error: closing one that is
 * still connecting makes Chromium log "closed before the connection is established", so such a
 * socket is closed as soon as it opens instead.
 */
function discard(socket: WebSocket): void {
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
  if (socket.readyState === WebSocket.CONNECTING) socket.onopen = () => socket.close(1000);
  else socket.close(1000);
}

/**
 * The support chat's WebSocket, for as long as the component using it is mounted and a user is
 * signed in. The socket and its status are this remote's own business and stay in local state;
 * the messages go to the store's `chat` slice, so a remount starts from what was already said.
 */
export function useChatSocket(): ChatConnection {
  // The effect is keyed on the store object, which never changes, and on the signed-in flag: the
  // socket is opened again only when the person signs in, never on a re-render or a token renewal
  // (the renewed token is handed to the open socket instead, see the second effect).
  const store = useAppStore();
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const token = useAppSelector(selectAccessToken);
  const [status, setStatus] = useState<ChatStatus>('disconnected');
  const [retryInMs, setRetryInMs] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const socketRef = useRef<WebSocket | null>(null);

  useEffect(() => {
    setRetryInMs(null);
    if (!isLoggedIn) {
      setStatus('disconnected');
      return;
    }
    let attempt = 0;
    let disposed = false;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const onFrame = (data: unknown) => {
      if (typeof data !== 'string') return;
      let event: ChatEvent;
      try {
        event = JSON.parse(data) as ChatEvent;
      } catch {
        setError('The chat server sent a message this page cannot read.');
        return;
      }
      if (event.type === 'history') store.dispatch(setMessages(event.messages));
      else if (event.type === 'message') store.dispatch(receiveMessage(event.message));
      else if (event.type === 'error') setError(event.detail);
    };

    const connect = () => {
      timer = undefined;
      setRetryInMs(null);
      setStatus('connecting');
      let opened: WebSocket;
      try {
        opened = openChatSocket();
      } catch (failure) {
        setStatus('disconnected');
        setError((failure as Error).message);
        return;
      }
      socket = opened;
      socketRef.current = opened;
      opened.onopen = () => {
        attempt = 0;
        setStatus('connected');
        setError(null);
      };
      opened.onmessage = (event: MessageEvent) => onFrame(event.data);
      opened.onclose = (event: CloseEvent) => {
        socket = null;
        if (socketRef.current === opened) socketRef.current = null;
        setStatus('disconnected');
        if (event.code === CHAT_SOCKET_UNAUTHORIZED) {
          // The token expired, or the session ended. A renewal tells which: with a fresh token
          // the chat reconnects at once; without a session @myapp/api signs out every remote.
          refreshAccessToken().then(
            (fresh) => {
              if (fresh && !disposed) connect();
              else if (!fresh) setError('Your session has ended. Log in again to chat with support.');
            },
            (failure: Error) => setError(`The chat could not reconnect: ${failure.message}`),
          );
          return;
        }
        const delay = retryDelay(attempt);
        attempt += 1;
        setRetryInMs(delay);
        timer = setTimeout(connect, delay);
      };
    };

    // Connecting on the next tick lets an effect that is set up and torn down at once (React's
    // StrictMode does this in development) finish without opening a socket at all.
    timer = setTimeout(connect, 0);
    return () => {
      disposed = true;
      if (timer !== undefined) clearTimeout(timer);
      if (socket) discard(socket);
      socketRef.current = null;
    };
  }, [store, isLoggedIn]);

  // @myapp/api renews the access token before it expires; the open socket gets the new one, so the
  // server keeps it open past the old token's expiry.
  useEffect(() => {
    if (token && socketRef.current) authenticateChatSocket(socketRef.current);
  }, [token]);

  const send = useCallback(
    async (text: string): Promise<boolean> => {
      setError(null);
      const socket = socketRef.current;
      if (socket?.readyState === WebSocket.OPEN) {
        // The server answers with a "message" frame to every connection, this one included.
        socket.send(JSON.stringify({ text }));
        return true;
      }
      try {
        // While the socket reconnects, the HTTP route stores the message and fans it out.
        store.dispatch(receiveMessage(await sendChatMessage(text)));
        return true;
      } catch (failure) {
        setError(`Your message was not sent: ${(failure as Error).message}`);
        return false;
      }
    },
    [store],
  );

  return { status, retryInMs, error, send };
}
