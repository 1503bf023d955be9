import {
  createApi,
  fetchBaseQuery,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryError,
} from '@reduxjs/toolkit/query/react';
import { isFulfilled, type UnknownAction } from '@reduxjs/toolkit';
import federation from '../../../federation.json';

/** Where the API's cache lives in the one store (`state.shopApi`). */
export const API_REDUCER_PATH = 'shopApi';

/** The API's tags (its OpenAPI tags): a change to one refetches the queries that show it. */
export const API_TAGS = ['auth', 'cart', 'chat', 'health', 'me', 'products', 'tickets'] as const;

/**
 * Renews the session once a call was refused (401): resolves to a fresh access token, or to null
 * after it has signed the page out. @myapp/api's session module (the httpOnly cookie exchange,
 * one tab at a time) registers it; it cannot be imported from here because @myapp/api depends
 * on this package, not the other way round.
 */
export type SessionRenewal = () => Promise<string | null>;
let renewSession: SessionRenewal | null = null;

export function setSessionRenewal(renew: SessionRenewal | null): void {
  renewSession = renew;
}

/** The state shape the base query reads; structural, because the api is itself part of RootState. */
interface WithAccessToken {
  user: { at: string | null };
}

/**
 * The API's origin. Every page of the shop proxies the API path on its own origin; Node (a server
 * render, a unit test) has no page, so it needs an absolute one: the one a Next build was given
 * from federation.json (MYAPP_SERVER_API_ORIGIN, see @myapp/federation's next config: the API
 * server in the local layout, the edge in a one-origin layout), else the manifest's API port.
 */
export function apiOrigin(): string {
  if (typeof window !== 'undefined') return window.location.origin;
  return process.env.API_ORIGIN ?? process.env.MYAPP_SERVER_API_ORIGIN ?? `http://127.0.0.1:${federation.api.port}`;
}

const rawBaseQuery = fetchBaseQuery({
  // The generated endpoints' URLs already start with the API path (`/api/cart`).
  baseUrl: '',
  // Changes wait for each other (below): one that never answers must not hold the rest forever.
  timeout: 20_000,
  prepareHeaders: (headers, { getState }) => {
    const at = (getState() as WithAccessToken).user.at;
    if (at) headers.set('Authorization', `Bearer ${at}`);
    headers.set('Accept', 'application/json');
    return headers;
  },
});

function absolute(args: string | FetchArgs): FetchArgs {
  const request = typeof args === 'string' ? { url: args } : args;
  return { ...request, url: `${apiOrigin()}${request.url}` };
}

/**
 * fetchBaseQuery plus the session rule: a 401 on a call that carried an access token means the
 * token expired or the session ended. The session is renewed once and the call repeated; when the
 * renewal finds no session, it has already signed the user out in every remote (and every tab).
 */
const baseQueryWithRenewal: BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError> = (
  args,
  api,
  extraOptions,
) => {
  if (api.type !== 'mutation') return send(args, api, extraOptions);
  // Changes reach the server one after another, in the order they were made, so the last answer
  // (the whole cart, the profile...) always describes the last change.
  const turn = changes.then(() => send(args, api, extraOptions));
  changes = turn.catch(() => undefined);
  return turn;
};

let changes: Promise<unknown> = Promise.resolve();

const send: BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError> = async (args, api, extraOptions) => {
  const request = absolute(args);
  const hadToken = Boolean((api.getState() as WithAccessToken).user.at);
  const result = await rawBaseQuery(request, api, extraOptions);
  if (result.error?.status !== 401 || !hadToken || !renewSession) return result;
  const fresh = await renewSession().catch(() => null);
  if (!fresh) return result;
  return rawBaseQuery(request, api, extraOptions);
};

/**
 * The one RTK Query api of the shop, part of the one store: every remote reads server data
 * through this cache, so a resource one remote fetched is not fetched again by the next one.
 * Its endpoints are generated from the API's OpenAPI schema into @myapp/api
 * (`baseApi.injectEndpoints`, written by `fedctl api-types`).
 */
export const baseApi = createApi({
  reducerPath: API_REDUCER_PATH,
  baseQuery: baseQueryWithRenewal,
  tagTypes: API_TAGS,
  // Another remote showing the same data within this time reuses the answer.
  keepUnusedDataFor: 60,
  // After the page was away for a while, what it shows may be stale: queries in use are read
  // again when it comes back (the store's listeners pass a focus on only then, see listeners.ts).
  refetchOnFocus: true,
  refetchOnReconnect: true,
  endpoints: () => ({}),
});

/** A fulfilled query or mutation action of the shop's api (meta carries the endpoint's name). */
interface EndpointFulfilled<Result> extends UnknownAction {
  payload: Result;
  meta: { arg: { endpointName: string } };
}

/**
 * Matches the answers of the named endpoints: the slices (the cross-remote contract) are fed from
 * the api's results through it, so nothing copies a response into the store by hand. Names, not
 * endpoint objects, because the endpoints are generated into @myapp/api, which depends on this
 * package; @myapp/api checks at compile time that every name here is one of its endpoints.
 */
export function endpointFulfilled<Result>(names: readonly string[]) {
  return (action: UnknownAction): action is EndpointFulfilled<Result> =>
    isFulfilled(action) &&
    action.type.startsWith(`${API_REDUCER_PATH}/`) &&
    names.includes((action.meta as { arg?: { endpointName?: string } }).arg?.endpointName ?? '');
}
