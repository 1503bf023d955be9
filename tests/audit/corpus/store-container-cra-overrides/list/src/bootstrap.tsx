import React from "react";
import ReactDOM from "react-dom/client";
import App from "./App";

export function mount(el: Element) {
  ReactDOM.createRoot(el).render(<App />);
}
