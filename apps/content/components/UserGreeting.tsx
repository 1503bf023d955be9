import { useMounted, useStoreAvailable } from '@myapp/shell';
import ContentGreeting from './ContentGreeting';

/**
 * The greeting, client-only: whoever renders the page on the server (Content itself, or a host
 * that server-renders remotes) sends no user-specific text, and the browser's first render
 * matches that HTML; the greeting appears on the next render. Nothing where no store Provider is
 * above yet.
 */
export default function UserGreeting() {
  const mounted = useMounted();
  const storeAvailable = useStoreAvailable();
  return mounted && storeAvailable ? <ContentGreeting /> : null;
}
