import { useEffect, useRef, useState, type FormEvent } from 'react';
import { sendChatMessage, useChatStreamQuery, type ChatStatus } from '@myapp/api';
import { Alert, BRAND } from '@myapp/shell';
import { selectChatMessages, selectIsLoggedIn, useAppSelector, type ChatMessage } from '@myapp/store';

/** Longest message the API accepts (ChatMessageBase.text). */
const MAX_MESSAGE_LENGTH = 2000;

const STATUS_COLOURS: Record<ChatStatus, string> = {
  connected: '#067647',
  connecting: '#b54708',
  disconnected: BRAND.danger,
};

function formatTime(createdAt: string): string {
  const date = new Date(createdAt);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function MessageItem({ message }: { message: ChatMessage }) {
  const mine = message.sender === 'user';
  return (
    <li
      data-testid="chat-message"
      data-sender={message.sender}
      style={{
        alignSelf: mine ? 'flex-end' : 'flex-start',
        maxWidth: '80%',
        padding: '0.4rem 0.6rem',
        borderRadius: '0.5rem',
        background: mine ? '#e0eaff' : '#f2f4f7',
      }}
    >
      <small style={{ display: 'block', color: '#475467' }}>
        {mine ? 'You' : 'Support'} · <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
      </small>
      {/* Text, never HTML: React escapes it, so "<b>" shows as the three characters it is. */}
      <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.text}</span>
    </li>
  );
}

/** Live support chat: the history, new messages as they arrive, and a box to write in. */
export default function SupportChat() {
  const messages = useAppSelector(selectChatMessages);
  // The chat's socket lives in @myapp/api's chat stream (an RTK Query streaming entry) while shown.
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const { data: connection } = useChatStreamQuery(undefined, { skip: !isLoggedIn });
  const status = connection?.status ?? 'disconnected';
  const retryInMs = connection?.retryInMs ?? null;
  const [sendError, setSendError] = useState<string | null>(null);
  const error = sendError ?? connection?.error ?? null;
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    // Keep the newest message in view.
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') return;
    setSending(true);
    setSendError(null);
    try {
      await sendChatMessage(text);
      setDraft('');
    } catch (failure) {
      setSendError(`Your message was not sent: ${(failure as Error).message}`);
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="support-chat-title" style={{ display: 'grid', gap: '0.75rem', alignContent: 'start' }}>
      <h2 id="support-chat-title" style={{ margin: 0 }}>
        Chat with support
      </h2>
      <p style={{ margin: 0 }}>
        Connection:{' '}
        <strong data-testid="chat-status" style={{ color: STATUS_COLOURS[status] }}>
          {status}
        </strong>
        {status === 'disconnected' && retryInMs !== null && (
          <span> (trying again in {Math.ceil(retryInMs / 1000)} s)</span>
        )}
      </p>
      <ol
        ref={list}
        data-testid="chat-messages"
        aria-live="polite"
        style={{
          listStyle: 'none',
          margin: 0,
          padding: '0.75rem',
          display: 'flex',
          flexDirection: 'column',
          gap: '0.5rem',
          height: '20rem',
          overflowY: 'auto',
          border: '1px solid #d0d5dd',
          borderRadius: '0.5rem',
        }}
      >
        {messages.length === 0 && <li style={{ color: '#475467' }}>No messages yet. Ask us anything.</li>}
        {messages.map((message) => (
          <MessageItem key={message.id} message={message} />
        ))}
      </ol>
      <form onSubmit={submit} style={{ display: 'flex', gap: '0.5rem' }}>
        <input
          aria-label="Your message"
          data-testid="chat-input"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          maxLength={MAX_MESSAGE_LENGTH}
          placeholder="Write a message"
          autoComplete="off"
          style={{ flex: 1, padding: '0.5rem', fontSize: '1rem' }}
        />
        <button type="submit" data-testid="chat-send" disabled={sending || draft.trim() === ''}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </form>
      {error && <Alert testId="chat-error">{error}</Alert>}
    </section>
  );
}
