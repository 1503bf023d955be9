import React from "react";
import { Provider } from "react-redux";
import { BrowserRouter } from "react-router-dom";
import Counter from "./components/Counter/Counter";
import { counterSliceReducer } from "./slices/counter.slice";
import { addReducer, store } from "./store";

addReducer("counter", counterSliceReducer);

export default function App() {
  return (
    <Provider store={store}>
      <BrowserRouter>
        <Counter />
      </BrowserRouter>
    </Provider>
  );
}
