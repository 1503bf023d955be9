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

/** The host's router as the `onNavigate` every exposed page takes: no page reload, one store. */
export function useHostNavigate(): Navigate {
  const router = useRouter();
  return (path) => void router.push(path);
}
