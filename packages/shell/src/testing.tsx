import { render, type RenderOptions } from '@testing-library/react';
import { vi } from 'vitest';
import type { ReactElement } from 'react';
import { Provider, makeStore, type AppStore, type RootState } from '@myapp/store';

export interface ProvidersOptions extends Omit<RenderOptions, 'queries'> {
  /** State to start from (a signed-in user, a cart...). */
  preloadedState?: Partial<RootState>;
  /** A store the test already built; by default a fresh one per render. */
  store?: AppStore;
}

/**
 * Renders a component the way the host does (inside the one store's provider), with a fresh store
 * per test so no state leaks between tests (redux-templates' `test-utils` pattern).
 */
export function renderWithProviders(ui: ReactElement, { preloadedState, store, ...options }: ProvidersOptions = {}) {
  const testStore = store ?? makeStore(preloadedState);
  const result = render(<Provider store={testStore}>{ui}</Provider>, options);
  return { store: testStore, ...result };
}

/** A JSON answer of the fake API. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export interface FakeCall {
  method: string;
  path: string;
  auth: string | null;
}

/**
 * Replaces `fetch` with a fake API that answers by method and path and records every request
 * (with its Authorization header). Undo with `vi.unstubAllGlobals()`.
 */
export function fakeApi(answer: (method: string, path: string) => Response | Promise<Response>): FakeCall[] {
  const calls: FakeCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      calls.push({ method: input.method, path, auth: input.headers.get('Authorization') });
      return answer(input.method, path);
    }),
  );
  return calls;
}
