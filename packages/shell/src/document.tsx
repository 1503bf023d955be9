import { Head, Html, Main, NextScript } from 'next/document';

/** The `_document` of every Next app of the shop: English, with the app's own favicon. */
export function shopDocument(iconHref: string) {
  return function ShopDocument() {
    return (
      <Html lang="en">
        <Head>
          <link rel="icon" href={iconHref} sizes="any" />
        </Head>
        <body>
          <Main />
          <NextScript />
        </body>
      </Html>
    );
  };
}
