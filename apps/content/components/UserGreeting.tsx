import dynamic from 'next/dynamic';
import { useStoreAvailable } from '@myapp/shell';

// Client-only: whoever renders the page on the server (Content itself, or a host that
// server-renders remotes) sends no user-specific text, so the browser's first render matches it.
const ContentGreeting = dynamic(() => import('./ContentGreeting'), {
  ssr: false,
  loading: ({ error }) =>
    error ? <p role="alert">Your cart and tickets summary could not be loaded: {error.message}</p> : null,
});

/** The greeting, where a store Provider is above; nothing while the page has none yet. */
export default function UserGreeting() {
  return useStoreAvailable() ? <ContentGreeting /> : null;
}
