import { Head, Html, Main, NextScript } from 'next/document';

/**
 * A Next remote's build leaves the federation runtime out (the host's is used in the host's
 * pages); its own pages load it from this script, before their own scripts run
 * (@myapp/federation's standalone-runtime.js). Empty in the host, which bundles it.
 */
const STANDALONE_RUNTIME_URL = process.env.MYAPP_STANDALONE_RUNTIME_URL;

/** The `_document` of every Next app of the shop: English, with the app's own favicon. */
export function shopDocument(iconHref: string) {
  return function ShopDocument() {
    return (
      <Html lang="en">
        <Head>
          <link rel="icon" href={iconHref} sizes="any" />
          {/* Synchronous on purpose: it must run before Next's deferred scripts. */}
          {STANDALONE_RUNTIME_URL ? <script src={STANDALONE_RUNTIME_URL} /> : null}
        </Head>
        <body>
          <Main />
          <NextScript />
        </body>
      </Html>
    );
  };
}
