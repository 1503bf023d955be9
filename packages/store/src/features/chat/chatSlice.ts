import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

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
      // A message can arrive twice (history fetch racing the socket): keep one copy.
      if (!state.messages.some((message) => message.id === action.payload.id)) {
        state.messages.push(action.payload);
      }
    },
    clearChat() {
      return initialState;
    },
  },
  selectors: {
    selectChatMessages: (chat) => chat.messages,
  },
});

export const { setMessages, receiveMessage, clearChat } = chatSlice.actions;
export const { selectChatMessages } = chatSlice.selectors;
