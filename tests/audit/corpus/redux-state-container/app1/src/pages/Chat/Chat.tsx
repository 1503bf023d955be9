import React, { useEffect, useRef, useState } from "react";
import { useAuthContext } from "host/AuthContext";

export default function Chat() {
  const socketRef = useRef(new WebSocket("ws://localhost:8000"));
  const [messages, setMessages] = useState<string[]>([]);
  const { user } = useAuthContext();
  useEffect(() => {
    if (!user) return;
    socketRef.current.onmessage = (event) => setMessages((previous) => [event.data, ...previous]);
  }, [user]);
  return <ul>{messages.map((m) => <li key={m}>{m}</li>)}</ul>;
}
