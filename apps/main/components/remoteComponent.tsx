import { lazy, memo, useCallback, useContext, type ComponentType } from 'react';
import { useRouter } from 'next/router';
import { useMounted, type Navigate } from '@myapp/shell';
import PageHead, { type PageHeadProps } from './PageHead';
import RemoteSlot, { RemoteLoading } from './RemoteSlot';
import type { ServerData, ServerPage } from './serverPage';
import { loadRemoteModule, type ExposedName } from './federationRuntime';
import { ClientRenderedRemotes, serverRemoteComponent } from './serverRemotes';

/**
 * The remotes this host renders on the server: its Next remotes, which have a server container.
 * Generated from federation.json into the build by @myapp/federation's next config.
 */
const SERVER_RENDERED = new Set((process.env.MYAPP_SERVER_REMOTES ?? '').split(',').filter(Boolean));

/** The props of the component an exposed module exports. */
type PropsOf<N extends ExposedName> = ExposedModules[N]['default'] extends ComponentType<infer P extends object> ? P : never;

/** A remote's slot, with the remote's request (`products/BeautyCare`) and where it renders. */
export type RemoteComponent<P, N extends ExposedName = ExposedName> = ComponentType<P> & { remote: N; serverRendered: boolean };

/**
 * A federated component, loaded on first render inside its own slot: a loading state while its
 * remote loads, and the reason in place of the component if the remote fails or is refused.
 * Its name types its props (`remoteComponent('products/ProductDetailPage')`); it is loaded by the
 * federation runtime (loadRemoteModule), not by webpack's `import()`.
 *
 * A Next remote's component renders on the server too, from its server container: the page lists
 * it (`serverRemotes`), `_app` loads it within a bound before the render, and the server renders
 * it directly; the browser hydrates that HTML once its own chunk has loaded (React.lazy). If the
 * server could not load it for this request, it renders client-side like a React remote. A React
 * remote has no server build: its slot shows the loading state on the server and in the browser's
 * first render (the same markup, so hydration matches), then mounts it.
 */
export function remoteComponent<N extends ExposedName, P extends object = PropsOf<N>>(remote: N): RemoteComponent<P, N> {
  // Remote components take plain props (no refs), which React's lazy typing cannot infer here.
  const Lazy = lazy(() => loadRemoteModule<{ default: ComponentType<P> }>(remote)) as unknown as ComponentType<P>;
  const serverRendered = SERVER_RENDERED.has(remote.split('/')[0] ?? '');
  function ServerRenderedRemote(props: P) {
    const clientRendered = useContext(ClientRenderedRemotes).includes(remote);
    if (clientRendered) return <ClientOnlyRemote {...props} />;
    const Loaded = typeof window === 'undefined' ? serverRemoteComponent<P>(remote) : undefined;
    return <RemoteSlot remote={remote}>{Loaded ? <Loaded {...props} /> : <Lazy {...props} />}</RemoteSlot>;
  }
  function ClientOnlyRemote(props: P) {
    // The mounted check lives in this variant only: in a server-rendered slot it would re-render
    // the boundary before it has hydrated.
    const mounted = useMounted();
    if (!mounted) return <RemoteLoading remote={remote} />;
    return (
      <RemoteSlot remote={remote}>
        <Lazy {...props} />
      </RemoteSlot>
    );
  }
  // memo: a parent's re-render (the header's counts) does not re-render a slot still hydrating.
  const Slot = memo(serverRendered ? ServerRenderedRemote : ClientOnlyRemote) as unknown as RemoteComponent<P, N>;
  Slot.displayName = `Remote(${remote})`;
  Slot.remote = remote;
  Slot.serverRendered = serverRendered;
  return Slot;
}

/** The exposed modules whose component can be a whole page: it needs no props but `onNavigate`. */
type PageName = { [N in ExposedName]: { onNavigate?: Navigate } extends PropsOf<N> ? N : never }[ExposedName];

/**
 * A host page that is one remote's exposed page, given the host's router as `onNavigate`: its
 * links (to /login, /products...) then change page without a reload, and the store stays.
 */
export function remotePage(remote: PageName, { head, serverData }: { head: PageHeadProps; serverData?: ServerData }): ServerPage {
  const Remote = remoteComponent<PageName, { onNavigate?: Navigate }>(remote);
  const RemotePage: ServerPage = function RemotePage() {
    const router = useRouter();
    const onNavigate = useCallback((path: string) => void router.push(path), [router]);
    return (
      <>
        <PageHead {...head} />
        <Remote onNavigate={onNavigate} />
      </>
    );
  };
  RemotePage.serverData = serverData;
  RemotePage.serverRemotes = serverRemotesOf(Remote);
  return RemotePage;
}

/** The requests of those slots that render on the server, for a page's `serverRemotes`. */
export function serverRemotesOf(...slots: { remote: string; serverRendered: boolean }[]): string[] {
  return slots.filter((slot) => slot.serverRendered).map((slot) => slot.remote);
}
