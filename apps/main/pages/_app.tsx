import type { AppContext, AppProps } from 'next/app';
import NextApp from 'next/app';
import Head from 'next/head';
import { useRef } from 'react';
import { serverQueriesSettled, startServerSession } from '@myapp/api';
import { getStore, makeServerStore, type AppStore, type RootState } from '@myapp/store';
import { ShopProvider } from '@myapp/shell';
import Layout from '../components/Layout';
import { SHOP_NAME } from '../components/PageHead';
import type { ServerPage } from '../components/serverPage';
import { ClientRenderedRemotes, prepareServerRemotes } from '../components/serverRemotes';
import '../styles/globals.css';

interface MainAppProps extends AppProps {
  /** The state the request's server store ended with; absent after a client-side navigation. */
  serverState?: RootState;
  /** The page's Next remotes the server could not load in time: they render client-side. */
  clientRenderedRemotes?: string[];
}

const NONE: readonly string[] = [];

/**
 * The provider and the layout render on the server too (gotchas 3 and 4): on the server with a
 * store made for this request only (`makeServerStore`, never shared between requests), in the
 * browser with the page's one store, created FROM the server's state before hydration, so the
 * first client render is the server's HTML. The ref keeps the store for the page's lifetime:
 * client-side navigations keep it and ignore later states.
 */
export default function MainApp({ Component, pageProps, serverState, clientRenderedRemotes }: MainAppProps) {
  const store = useRef<AppStore>();
  store.current ??= typeof window === 'undefined' ? makeServerStore(serverState) : getStore(serverState);
  return (
    <>
      <Head>
        <title>{SHOP_NAME}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <ShopProvider store={store.current} serverState={serverState}>
        <ClientRenderedRemotes.Provider value={clientRenderedRemotes ?? NONE}>
          <Layout>
            <Component {...pageProps} />
          </Layout>
        </ClientRenderedRemotes.Provider>
      </ShopProvider>
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
  const page = context.Component as ServerPage;
  const store = makeServerStore();
  const [session, clientRenderedRemotes] = await Promise.all([
    startServerSession(store, { cookie: req.headers.cookie, userAgent: req.headers['user-agent'] }),
    // Within a bound: a remote that is down or slow renders client-side this time.
    prepareServerRemotes(page.serverRemotes ?? []),
  ]);
  if (session.setCookies.length) res.setHeader('Set-Cookie', session.setCookies);
  // A page that shows who is signed in is for that visitor alone: no shared cache may keep it.
  if (session.signedIn) res.setHeader('Cache-Control', 'private, no-store');
  // The page's data comes through its server-rendered remotes: none rendered, none read here.
  if (page.serverData && page.serverRemotes?.length && clientRenderedRemotes.length === 0) {
    await page.serverData(store, context.ctx).catch((error: Error) => {
      // The page renders without it; its remote reads the data in the browser.
      console.error(`[main] the server data of ${context.router.pathname} could not be read: ${error.message}`);
    });
  }
  await serverQueriesSettled(store);
  const serverState: RootState = store.getState();
  return { ...props, serverState, clientRenderedRemotes };
};
