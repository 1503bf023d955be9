import React from "react";
import Counter from "./Counter";

export default function App() {
  return (
    <div>
      <h2>Remote App (Standalone Mode)</h2>
      <Counter />
    </div>
  );
}
