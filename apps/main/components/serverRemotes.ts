import { createContext, type ComponentType } from 'react';

/**
 * How long a server render waits for a Next remote's server container. Past it, the slot renders
 * client-side for this request (the browser loads the remote itself), and the load goes on for
 * the next request.
 */
export const SERVER_REMOTE_TIMEOUT_MS = 3_000;

/** The federation runtime of this build (webpack's, extended by Module Federation). */
declare const __webpack_require__: {
  federation: { instance: { loadRemote<T>(id: string): Promise<T | null> } };
};

type RemoteModule = { default: ComponentType<never> };

/**
 * The Next remotes' modules this server process has loaded, by request (`products/BeautyCare`).
 * Code, never data: each request renders with its own store.
 */
const loaded = new Map<string, RemoteModule>();
const loading = new Map<string, Promise<RemoteModule>>();

function loadOnce(remote: string): Promise<RemoteModule> {
  let pending = loading.get(remote);
  if (!pending) {
    // The federation runtime, not webpack's `import('products/X')`: webpack keeps a failed remote
    // module failed for the life of the process, the runtime loads the entry again next time
    // (the server runtime plugin rethrows instead of nextjs-mf's empty stand-in).
    pending = __webpack_require__.federation.instance.loadRemote<RemoteModule>(remote).then((module) => {
      if (!module?.default) throw new Error(`${remote} has no default export`);
      loaded.set(remote, module);
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
export function loadServerRemote<M>(remote: string): Promise<M> {
  const done = loaded.get(remote);
  if (done) return Promise.resolve(done as M);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${remote}: no answer from its server container within ${SERVER_REMOTE_TIMEOUT_MS} ms`)),
      SERVER_REMOTE_TIMEOUT_MS,
    );
  });
  return Promise.race([loadOnce(remote), bound]).finally(() => clearTimeout(timer)) as Promise<M>;
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
  const results = await Promise.allSettled(remotes.map((remote) => loadServerRemote(remote)));
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
