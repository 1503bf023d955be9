import { describe, expect, it } from 'vitest';
import { makeStore } from '../../store';
import { clearChat, receiveMessage, selectChatMessages, setMessages, type ChatMessage } from './chatSlice';

const message = (id: number, text = `message ${id}`): ChatMessage => ({
  id,
  sender: 'user',
  text,
  createdAt: '2026-11-25T10:00:00Z',
});

describe('chat slice', () => {
  it('receiveMessage appends in arrival order and ignores a repeat of the same id', () => {
    const store = makeStore();
    store.dispatch(receiveMessage(message(1)));
    store.dispatch(receiveMessage(message(2)));
    store.dispatch(receiveMessage(message(1, 'again')));
    expect(selectChatMessages(store.getState()).map((m) => m.text)).toEqual(['message 1', 'message 2']);
  });

  it('setMessages replaces the history and clearChat empties it', () => {
    const store = makeStore();
    store.dispatch(setMessages([message(5), message(6)]));
    expect(selectChatMessages(store.getState())).toHaveLength(2);
    store.dispatch(clearChat());
    expect(selectChatMessages(store.getState())).toEqual([]);
  });
});
