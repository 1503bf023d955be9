import { configureStore } from '@reduxjs/toolkit';

const host = (state = { title: 'host title' }, action: { type: string; payload?: string }) =>
  action.type === 'SET_TITLE' ? { ...state, title: action.payload } : state;

export const store = configureStore({ reducer: { host } });
