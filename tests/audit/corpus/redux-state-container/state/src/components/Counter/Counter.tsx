import React from "react";
import { useDispatch, useSelector } from "react-redux";
import { counterSliceActions } from "../../slices/counter.slice";

export default function Counter() {
  const dispatch = useDispatch();
  const { count } = useSelector((state: any) => state.counter);
  return (
    <div>
      <h4>Count: {count}</h4>
      <button onClick={() => dispatch(counterSliceActions.inc())}>Incr</button>
      <button onClick={() => dispatch(counterSliceActions.dec())}>Decr</button>
    </div>
  );
}
