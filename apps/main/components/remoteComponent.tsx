import { lazy, type ComponentType } from 'react';
import { useRouter } from 'next/router';
import type { Navigate } from '@myapp/shell';
import RemoteSlot from './RemoteSlot';

/**
 * A federated component, loaded on first render inside its own slot: a loading state while its
 * remote loads, and the reason in place of the component if the remote fails or is refused.
 */
export function remoteComponent<P extends object>(
  remote: string,
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  // Remote components take plain props (no refs), which React's lazy typing cannot infer here.
  const Lazy = lazy(load) as unknown as ComponentType<P>;
  function RemoteComponent(props: P) {
    return (
      <RemoteSlot remote={remote}>
        <Lazy {...props} />
      </RemoteSlot>
    );
  }
  RemoteComponent.displayName = `Remote(${remote})`;
  return RemoteComponent;
}

/**
 * A host page that is one remote's exposed page, given the host's router as `onNavigate`: its
 * links (to /login, /products...) then change page without a reload, and the store stays.
 */
export function remotePage(remote: string, load: () => Promise<{ default: ComponentType<{ onNavigate?: Navigate }> }>) {
  const Remote = remoteComponent(remote, load);
  return function RemotePage() {
    const router = useRouter();
    return <Remote onNavigate={(path) => void router.push(path)} />;
  };
}
