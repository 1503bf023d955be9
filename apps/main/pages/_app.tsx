import type { AppProps } from 'next/app';
import dynamic from 'next/dynamic';
import Head from 'next/head';
import AppSkeleton from '../components/AppSkeleton';
import '../styles/globals.css';

// The Provider, the store and every federated container exist only in the browser, so the
// provider is loaded client-side only. Until it has loaded, the server's HTML and the first
// client render both show the same skeleton: no hydration mismatch (gotchas 3 and 4). If either
// chunk fails to load, the skeleton shows the reason instead (next/dynamic passes it as `error`).
const ShopProvider = dynamic(() => import('@myapp/shell').then((shell) => shell.ShopProvider), {
  ssr: false,
  loading: ({ error }) => <AppSkeleton error={error} />,
});

const Layout = dynamic(() => import('../components/Layout'), {
  ssr: false,
  loading: ({ error }) => <AppSkeleton error={error} />,
});

export default function MainApp({ Component, pageProps }: AppProps) {
  return (
    <>
      <Head>
        <title>MyApp Shop</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <ShopProvider>
        <Layout>
          <Component {...pageProps} />
        </Layout>
      </ShopProvider>
    </>
  );
}
