import type { AppProps } from 'next/app';
import dynamic from 'next/dynamic';
import Head from 'next/head';

// Standalone development only: with no host around, this remote provides the store itself,
// client-side only, exactly like the host does.
const ShopProvider = dynamic(() => import('@myapp/shell').then((shell) => shell.ShopProvider), {
  ssr: false,
  loading: ({ error }) =>
    error ? (
      <p role="alert">Products could not start: {error.message}</p>
    ) : (
      <p role="status">Loading…</p>
    ),
});

export default function ProductsApp({ Component, pageProps }: AppProps) {
  return (
    <>
      <Head>
        <title>Products (standalone)</title>
      </Head>
      <ShopProvider>
        <main style={{ maxWidth: '72rem', margin: '0 auto', padding: '1.5rem', fontFamily: 'system-ui, sans-serif' }}>
          <Component {...pageProps} />
        </main>
      </ShopProvider>
    </>
  );
}
