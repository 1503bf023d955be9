import { configureStore } from '@reduxjs/toolkit';

const app1 = (state = { title: 'app1 title' }, action: { type: string; payload?: string }) =>
  action.type === 'SET_TITLE' ? { ...state, title: action.payload } : state;

export const store = configureStore({ reducer: { app1 } });
