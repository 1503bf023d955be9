/** A remote's entry as this host's federation runtime knows it. */
export interface RemoteOptions {
  name: string;
  entry?: string;
}

/**
 * The name of a module a remote exposes (`products/BeautyCare`): a key of ExposedModules, which
 * `fedctl remote-types` generates from federation.json (remotes.generated.d.ts).
 */
export type ExposedName = keyof ExposedModules;

interface FederationInstance {
  loadRemote<T>(id: string): Promise<T | null>;
  options: { remotes: RemoteOptions[] };
  registerRemotes(remotes: RemoteOptions[], options?: { force?: boolean }): void;
}

/** The federation runtime of this build: webpack's, extended by Module Federation. */
declare const __webpack_require__: { federation: { instance: FederationInstance } };

/** This build's federation runtime (the one instance the host's containers share). */
export function federationRuntime(): FederationInstance {
  return __webpack_require__.federation.instance;
}

/**
 * A remote's module (`products/BeautyCare`), which must have a default export, loaded by the
 * federation runtime: the one way this host loads remote code, in the browser and on the server.
 * Not webpack's `import('products/X')`:
 * for every remote a page imports that way, webpack writes a script loader the runtime never runs
 * (it loads the entry itself) and the mapping to reach it, ~5 KB of every page of the host; and
 * webpack keeps a failed remote module failed for the life of the page or server process, where
 * the runtime loads the entry again on the next call.
 *
 * The monolith build (the bench's yardstick) replaces this module with one that imports each
 * exposed module's source (@myapp/federation/next.js).
 */
export async function loadRemoteModule<M extends { default: unknown }>(remote: string): Promise<M> {
  const module = await federationRuntime().loadRemote<M>(remote);
  if (!module?.default) throw new Error(`${remote} has no default export`);
  return module;
}
