import React from 'react';

// Live plots fed by one websocket; the plots themselves are left out of this reduction.
export default function Container() {
  const [status, setStatus] = React.useState('unknown');
  React.useEffect(() => {
    const socket = new WebSocket('ws://localhost:8002/consumer/json_amp_freq');
    socket.onerror = () => setStatus('error');
    socket.onmessage = () => setStatus('live');
    return () => socket.close();
  }, []);
  return <p>socket: {status}</p>;
}
