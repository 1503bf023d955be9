import type { AppProps } from 'next/app';
import type { DynamicOptionsLoadingProps } from 'next/dynamic';
import Head from 'next/head';
import { createContext, useContext, type CSSProperties, type ReactNode } from 'react';
import { WithoutStore } from './storeAvailability';

/** The page being shown, and whether it renders without a store, for the loading state below. */
const PageContext = createContext<{ page: ReactNode; withoutStore: boolean }>({ page: null, withoutStore: false });

/**
 * What the server sends and the browser shows until the store exists. A page that can render
 * without a store is shown whole, its user-specific parts waiting (see WithoutStore), so its text
 * is in the server's HTML; any other page shows a loading line. A failure to load says so.
 */
export function UntilTheStore({ error }: DynamicOptionsLoadingProps) {
  const { page, withoutStore } = useContext(PageContext);
  const problem = error ? <p role="alert">The shop could not start here: {error.message}</p> : null;
  if (!withoutStore) return problem ?? <p role="status">Loading…</p>;
  return (
    <WithoutStore>
      {problem}
      {page}
    </WithoutStore>
  );
}

export interface StandaloneNextAppProps {
  /** The remote's name, for the tab's title. */
  name: string;
  /** What Next passes to `_app`. */
  app: AppProps;
  /** The app's client-only provider (next/dynamic with `ssr: false` and `loading: UntilTheStore`) around the page. */
  provide: (page: ReactNode) => ReactNode;
  /** Whether the app's pages render without a store until it exists (see UntilTheStore). */
  withoutStore?: boolean;
  width?: string;
}

/**
 * The `_app` of a Next remote running on its own, for development (the Next counterpart of
 * `startStandalone`): the page in its frame, inside the one provider. Each `_app` loads that
 * provider itself with next/dynamic, client-side only as in the host, where Next and the audit
 * (MF005) can see it; inside the host, the host's provider is used.
 */
export function StandaloneNextApp({ name, app, provide, withoutStore = false, width = '56rem' }: StandaloneNextAppProps) {
  const { Component, pageProps } = app;
  const frame: CSSProperties = { maxWidth: width, margin: '0 auto', padding: '1.5rem', fontFamily: 'system-ui, sans-serif' };
  const page = (
    <main style={frame}>
      <Component {...pageProps} />
    </main>
  );
  return (
    <>
      <Head>
        <title>{`${name} (standalone)`}</title>
      </Head>
      <PageContext.Provider value={{ page, withoutStore }}>{provide(page)}</PageContext.Provider>
    </>
  );
}
