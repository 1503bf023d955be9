import type { AppContext, AppProps } from 'next/app';
import NextApp from 'next/app';
import Head from 'next/head';
import { useRef } from 'react';
import { serverQueriesSettled, startServerSession, startSession } from '@myapp/api';
import { getStore, makeServerStore, StoreProvider, type AppStore, type RootState } from '@myapp/store';
import Layout from '../components/Layout';
import type { ServerPage } from '../components/serverPage';
import '../styles/globals.css';

interface MainAppProps extends AppProps {
  /** The state the request's server store ended with; absent after a client-side navigation. */
  serverState?: RootState;
}

/**
 * The provider and the layout render on the server too (gotchas 3 and 4): on the server with a
 * store made for this request only (`makeServerStore`, never shared between requests), in the
 * browser with the page's one store, created FROM the server's state before hydration, so the
 * first client render is the server's HTML. The ref keeps the store for the page's lifetime:
 * client-side navigations keep it and ignore later states.
 */
export default function MainApp({ Component, pageProps, serverState }: MainAppProps) {
  const store = useRef<AppStore>();
  store.current ??= typeof window === 'undefined' ? makeServerStore(serverState) : getStore(serverState);
  return (
    <>
      <Head>
        <title>MyApp Shop</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      {/* The shop's provider with the session started (as @myapp/shell's ShopProvider), given this page's store. */}
      <StoreProvider store={store.current} serverState={serverState} onStart={startSession}>
        <Layout>
          <Component {...pageProps} />
        </Layout>
      </StoreProvider>
    </>
  );
}

/**
 * For the first HTML of a page: a store for this request, the visitor's session from the cookie
 * (the rotated cookie goes back to the browser with the page, see @myapp/api's serverSession),
 * then the page's own data (its `serverData`), and every query settled. The state is serialized
 * into the page. In the browser (a client-side navigation) there is nothing to do: the page's one
 * store fetches what the next page needs itself.
 */
MainApp.getInitialProps = async (context: AppContext) => {
  const props = await NextApp.getInitialProps(context);
  const { req, res } = context.ctx;
  if (!req || !res) return props;
  const store = makeServerStore();
  const session = await startServerSession(store, {
    cookie: req.headers.cookie,
    userAgent: req.headers['user-agent'],
  });
  if (session.setCookies.length) res.setHeader('Set-Cookie', session.setCookies);
  // A page that shows who is signed in is for that visitor alone: no shared cache may keep it.
  if (session.signedIn) res.setHeader('Cache-Control', 'private, no-store');
  await (context.Component as ServerPage).serverData?.(store, context.ctx);
  await serverQueriesSettled(store);
  const serverState: RootState = store.getState();
  return { ...props, serverState };
};
