import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { endpointFulfilled } from '../../api';
import { SLICE_ENDPOINTS } from '../../endpoints';

export interface ChatMessage {
  id: number;
  sender: 'user' | 'agent';
  text: string;
  createdAt: string;
}

export interface ChatState {
  messages: ChatMessage[];
}

const initialState: ChatState = { messages: [] };

const historyAnswer = endpointFulfilled<ChatMessage[]>(SLICE_ENDPOINTS.chatHistory);
const messageAnswer = endpointFulfilled<ChatMessage>(SLICE_ENDPOINTS.chatMessage);

function keepOne(state: ChatState, message: ChatMessage): void {
  // A message can arrive twice (history fetch racing the socket): keep one copy.
  if (!state.messages.some((known) => known.id === message.id)) state.messages.push(message);
}

/**
 * Support chat history. The WebSocket itself stays local to the Support remote (only it cares
 * about the connection); the messages live here so a remount keeps them.
 */
export const chatSlice = createSlice({
  name: 'chat',
  initialState,
  reducers: {
    setMessages(_state, action: PayloadAction<ChatMessage[]>) {
      return { messages: action.payload };
    },
    receiveMessage(state, action: PayloadAction<ChatMessage>) {
      keepOne(state, action.payload);
    },
    clearChat() {
      return initialState;
    },
  },
  extraReducers: (builder) => {
    builder
      .addMatcher(historyAnswer, (_state, action) => ({ messages: action.payload }))
      .addMatcher(messageAnswer, (state, action) => keepOne(state, action.payload));
  },
  selectors: {
    selectChatMessages: (chat) => chat.messages,
  },
});

export const { setMessages, receiveMessage, clearChat } = chatSlice.actions;
export const { selectChatMessages } = chatSlice.selectors;
