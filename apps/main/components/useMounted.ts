import { useEffect, useState } from 'react';

/**
 * False during the server render and the first client render, true afterwards. User-specific
 * UI waits for it so the first client render matches the server's HTML (gotcha 4).
 */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}
