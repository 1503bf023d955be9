import type { NextPageContext } from 'next';
import type { AppStore } from '@myapp/store';

/**
 * What a page puts into the request's own store before the server renders it (the data its
 * remotes show), through the same api cache the browser uses. `_app` waits for every query it
 * started. It runs for the first HTML only: after that the browser's store fetches for itself.
 */
export type ServerData = (store: AppStore, context: NextPageContext) => Promise<unknown>;

/**
 * A page of the host, optionally with its server data and the Next remotes it renders on the
 * server (their requests: `_app` loads them within a bound before the render).
 */
export type ServerPage<P = object> = ((props: P) => JSX.Element) & {
  serverData?: ServerData;
  serverRemotes?: readonly string[];
};
