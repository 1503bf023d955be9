import React from "react";
import { useDispatch, useSelector } from "react-redux";
import { RootState, decrement, increment } from "./store/store";

export default function Counter() {
  const value = useSelector((state: RootState) => state.counter.value);
  const dispatch = useDispatch();
  return (
    <div>
      <button onClick={() => dispatch(decrement())}>-</button>
      Remote Counter: {value}
      <button onClick={() => dispatch(increment())}>+</button>
    </div>
  );
}
