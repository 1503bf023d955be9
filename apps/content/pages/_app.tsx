import type { AppProps } from 'next/app';
import Head from 'next/head';

// Content's pages are the same for everyone and fully server-rendered; the helper that builds
// this remote adds the client-only store boundary for its user-specific parts.
export default function ContentApp({ Component, pageProps }: AppProps) {
  return (
    <>
      <Head>
        <title>Content (standalone)</title>
      </Head>
      <main style={{ maxWidth: '56rem', margin: '0 auto', padding: '1.5rem', fontFamily: 'system-ui, sans-serif' }}>
        <Component {...pageProps} />
      </main>
    </>
  );
}
