import React from "react";
import RemoteComponent from "./RemoteComponent";

export default function App() {
  return <RemoteComponent />;
}
