import React from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { actions, selectors } from '../store';

export default function Counter() {
  const dispatch = useDispatch();
  const count = useSelector(selectors.getCount);
  return (
    <p>
      Count: {count} <button onClick={() => dispatch(actions.updateCount(1))}>+</button>
    </p>
  );
}
