import React from 'react';
import { useSelector } from 'react-redux';
import { selectors } from './reducer';

// Exposed without a Provider: inside the host it reads the host's store.
export default function MFE1() {
  const count = useSelector(selectors.getGlobalCount);
  return <h1>The count is: {count}</h1>;
}
