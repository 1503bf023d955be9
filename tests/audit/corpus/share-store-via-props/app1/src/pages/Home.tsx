import React from 'react';
import { useDispatch, useSelector } from 'react-redux';

// Rendered by the host inside the host's Provider: reads and writes the host's store.
export default function Home() {
  const dispatch = useDispatch();
  const title = useSelector((state: { app1?: { title: string } }) => state.app1?.title ?? '');
  return <button onClick={() => dispatch({ type: 'SET_TITLE', payload: 'FROM APP 1' })}>{title}</button>;
}
