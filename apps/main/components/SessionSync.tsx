import { failureMessage, useReadCartQuery, useReadMeQuery, useReadTicketsQuery } from '@myapp/api';
import { selectIsLoggedIn, useAppSelector } from '@myapp/store';

/**
 * While someone is signed in, keeps their profile, cart and tickets in the one api cache (and so
 * in the store's slices, which every remote reads): a remote that shows them later finds them
 * there and reads nothing again. A session that ended answers 401, and @myapp/api then signs the
 * user out everywhere.
 *
 * It lives in the host's layout, which also makes the host load @myapp/api before any remote
 * starts: the host, not a remote, is then the provider of that shared package.
 */
export default function SessionSync() {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const skip = !isLoggedIn;
  const me = useReadMeQuery(undefined, { skip });
  const cart = useReadCartQuery(undefined, { skip });
  const tickets = useReadTicketsQuery(undefined, { skip });
  const problem = failureMessage(me.error ?? cart.error ?? tickets.error);
  if (!problem || !isLoggedIn) return null;
  return (
    <p role="alert" data-testid="session-error" className="session-error">
      Your account, cart and tickets could not be loaded: {problem}
    </p>
  );
}
