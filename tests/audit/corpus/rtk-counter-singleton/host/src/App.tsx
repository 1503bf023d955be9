import React, { Suspense } from "react";
import { Provider } from "react-redux";
import store, { decrement, increment } from "./store/store";

const RemoteCounter = React.lazy(() => import("remote/Counter"));

export default function App() {
  return (
    <Provider store={store}>
      <h1>Host App</h1>
      <button onClick={() => store.dispatch(increment())}>Increment (Host)</button>
      <button onClick={() => store.dispatch(decrement())}>Decrement (Host)</button>
      <Suspense fallback={<div>Loading Remote…</div>}>
        <RemoteCounter />
      </Suspense>
    </Provider>
  );
}
