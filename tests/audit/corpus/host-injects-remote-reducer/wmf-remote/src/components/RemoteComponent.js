import React from "react";

export default function RemoteComponent() {
  return <div>from the remote</div>;
}
