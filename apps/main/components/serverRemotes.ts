import { createContext, type ComponentType } from 'react';
import { federationRuntime, loadRemoteModule, type ExposedName, type RemoteOptions } from './federationRuntime';

/**
 * How long a server render waits for a Next remote's server container. Past it, the slot renders
 * client-side for this request (the browser loads the remote itself), and the load goes on for
 * the next request.
 */
export const SERVER_REMOTE_TIMEOUT_MS = 3_000;

type RemoteModule = { default: ComponentType<never> };

/**
 * The Next remotes' modules this server process has loaded, by request (`products/BeautyCare`).
 * Code, never data: each request renders with its own store.
 */
const loaded = new Map<string, RemoteModule>();
const loading = new Map<string, Promise<RemoteModule>>();
/** Per container (`products`): the release (its server entry's ETag) the loaded code came from. */
const releases = new Map<string, string>();

/** A container's options in this host's federation runtime, and its entry's URL without a query. */
function remoteOf(container: string): { remote: RemoteOptions; entry: string } {
  const remote = federationRuntime().options.remotes.find(
    (candidate) => candidate.name === container,
  );
  const entry = remote?.entry?.split('?')[0];
  if (!remote || !entry) throw new Error(`${container} is not a remote of this host`);
  return { remote, entry };
}

/**
 * The release a remote's server container serves now: its server entry's ETag (the entry is
 * served `no-cache` with an ETag, and changes with every build). Bounded like the load; rejects
 * when the container does not answer, so a slot whose remote is down renders client-side even
 * when this process still holds its code (the browser could not load it either).
 */
async function currentRelease(container: string): Promise<string> {
  const { entry } = remoteOf(container);
  // A HEAD of the entry, not API data (which goes through @myapp/api): hand-written on purpose.
  // eslint-disable-next-line no-restricted-globals -- a server-to-server release check, see above
  const response = await fetch(entry, { method: 'HEAD', signal: AbortSignal.timeout(SERVER_REMOTE_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${container}'s server container answered ${response.status}`);
  return response.headers.get('etag') ?? '';
}

/**
 * Follows a new release of a container: its modules loaded here are forgotten and its entry is
 * registered again at a URL naming the release (`force` drops the runtime's copy of the old
 * entry), so the next load evaluates the new code, the code browsers now load. This is the
 * release model: every server render checks the release first, so the server never renders one
 * release while browsers run another (nextjs-mf's revalidate() cannot replace loaded code,
 * module-federation-examples#4407).
 */
async function followRelease(container: string): Promise<void> {
  const release = await currentRelease(container);
  const known = releases.get(container);
  if (known !== undefined && known !== release) {
    for (const cache of [loaded, loading]) {
      for (const key of [...cache.keys()]) if (key.startsWith(`${container}/`)) cache.delete(key);
    }
    const { remote, entry } = remoteOf(container);
    const released = { ...remote, entry: `${entry}?release=${encodeURIComponent(release)}` };
    federationRuntime().registerRemotes([released], { force: true });
  }
  releases.set(container, release);
}

function loadOnce(remote: string): Promise<RemoteModule> {
  let pending = loading.get(remote);
  if (!pending) {
    // A failed load is tried again next time (the server runtime plugin rethrows instead of
    // nextjs-mf's empty stand-in).
    pending = loadRemoteModule<RemoteModule>(remote).then((module) => {
      loaded.set(remote, module);
      loading.delete(remote);
      return module;
    });
    loading.set(remote, pending);
    pending.catch(() => loading.delete(remote));
  }
  return pending;
}

/**
 * A Next remote's module for a server render, within SERVER_REMOTE_TIMEOUT_MS. Rejects when the
 * remote's server container is down or slow; the next call tries again.
 */
export function loadServerRemote<N extends ExposedName>(remote: N): Promise<ExposedModules[N]> {
  return loadWithinBound(remote) as Promise<ExposedModules[N]>;
}

function loadWithinBound(remote: string): Promise<RemoteModule> {
  const container = remote.split('/')[0] ?? remote;
  const load = followRelease(container).then(() => loaded.get(remote) ?? loadOnce(remote));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${remote}: no answer from its server container within ${SERVER_REMOTE_TIMEOUT_MS} ms`)),
      SERVER_REMOTE_TIMEOUT_MS,
    );
  });
  return Promise.race([load, bound]).finally(() => clearTimeout(timer));
}

/** The component of a remote this process has loaded for server rendering, if any. */
export function serverRemoteComponent<P>(remote: string): ComponentType<P> | undefined {
  return loaded.get(remote)?.default as ComponentType<P> | undefined;
}

/**
 * Loads a page's server-rendered remotes before its render; answers those that could not be
 * loaded in time (each logged). The page renders them client-side for this request.
 */
export async function prepareServerRemotes(remotes: readonly string[]): Promise<string[]> {
  const results = await Promise.allSettled(remotes.map((remote) => loadWithinBound(remote)));
  const failed: string[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') return;
    const remote = remotes[index] as string;
    console.error(`[main] ${remote} renders client-side for this request: ${(result.reason as Error).message}`);
    failed.push(remote);
  });
  return failed;
}

/**
 * The slots the server could not render for this page (their remote was down or slow): they
 * render client-side, the same placeholder on the server and in the browser's first render.
 */
export const ClientRenderedRemotes = createContext<readonly string[]>([]);
