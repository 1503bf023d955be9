import Head from 'next/head';
import { useRouter } from 'next/router';
import { useReadProductQuery, type Product } from '@myapp/api';
import { SHOP_CURRENCY } from '@myapp/shell';
import PageHead from '../../components/PageHead';
import { remoteComponent, serverRemotesOf } from '../../components/remoteComponent';
import { loadServerRemote } from '../../components/serverRemotes';
import type { ServerPage } from '../../components/serverPage';

const ProductDetailPage = remoteComponent('products/ProductDetailPage');

/** The product as schema.org structured data, for search engines (escaped for a script element). */
function productJsonLd(product: Product): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    productID: product.id,
    name: product.name,
    description: product.description,
    category: product.category,
    image: product.image,
    offers: { '@type': 'Offer', price: product.price.toFixed(2), priceCurrency: SHOP_CURRENCY },
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/**
 * One product, from the Products remote. Its title, description and structured data come from the
 * same cached answer the remote shows (read once, on the server for a first visit).
 */
const ProductRoute: ServerPage = function ProductRoute() {
  const { query } = useRouter();
  const productId = typeof query.id === 'string' ? query.id : '';
  const { data: product } = useReadProductQuery({ productId }, { skip: !productId });
  return (
    <>
      <PageHead
        title={product?.name ?? 'Product'}
        description={product?.description ?? 'A product of the MyApp Shop catalogue.'}
      />
      {product && (
        <Head>
          <script key="product-jsonld" type="application/ld+json" dangerouslySetInnerHTML={{ __html: productJsonLd(product) }} />
        </Head>
      )}
      {productId ? <ProductDetailPage productId={productId} /> : <p role="status">Loading product…</p>}
    </>
  );
};

ProductRoute.serverRemotes = serverRemotesOf(ProductDetailPage);
ProductRoute.serverData = async (store, { query }) => {
  if (typeof query.id !== 'string') return;
  const remote = await loadServerRemote(ProductDetailPage.remote);
  await remote.default.serverData(store.dispatch, query.id);
};

export default ProductRoute;
