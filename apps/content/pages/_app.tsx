import type { AppProps } from 'next/app';
import dynamic, { type DynamicOptionsLoadingProps } from 'next/dynamic';
import Head from 'next/head';
import { createContext, useContext, type ReactNode } from 'react';
import { WithoutStore } from '../components/storeAvailability';

/** The current page, for the provider's loading state below to render. */
const PageContext = createContext<ReactNode>(null);

/**
 * What the server sends and the browser shows until the store exists: the whole page, without its
 * user-specific parts (they wait for a store, see storeAvailability). Content's text is therefore
 * in the server's HTML, and the first client render matches it.
 */
function PageWithoutStore({ error }: DynamicOptionsLoadingProps) {
  const page = useContext(PageContext);
  return (
    <WithoutStore>
      {error ? <p role="alert">Your account details could not be loaded: {error.message}</p> : null}
      {page}
    </WithoutStore>
  );
}

// Standalone only: with no host around, this remote provides the store itself, client-side only,
// exactly like the host does (the store exists only in the browser).
const ShopProvider = dynamic(() => import('@myapp/shell').then((shell) => shell.ShopProvider), {
  ssr: false,
  loading: PageWithoutStore,
});

export default function ContentApp({ Component, pageProps }: AppProps) {
  const page = (
    <main style={{ maxWidth: '56rem', margin: '0 auto', padding: '1.5rem', fontFamily: 'system-ui, sans-serif' }}>
      <Component {...pageProps} />
    </main>
  );
  return (
    <>
      <Head>
        <title>Content (standalone)</title>
      </Head>
      <PageContext.Provider value={page}>
        <ShopProvider>{page}</ShopProvider>
      </PageContext.Provider>
    </>
  );
}
