import Head from 'next/head';

/** The shop's name, after every page's own title. */
export const SHOP_NAME = 'MyApp Shop';

export interface PageHeadProps {
  title: string;
  description: string;
}

/** A page's `<title>` and meta description, in the server's HTML (search engines read them). */
export default function PageHead({ title, description }: PageHeadProps) {
  return (
    <Head>
      <title>{title === SHOP_NAME ? title : `${title} | ${SHOP_NAME}`}</title>
      <meta key="description" name="description" content={description} />
    </Head>
  );
}
