'use client';
import { failureMessage, shopApi, useReadProductQuery } from '@myapp/api';
import type { AppDispatch } from '@myapp/store';
import ProductCard from './ProductCard';

/** One product with its description. Exposed to the host; no Provider of its own. */
export default function ProductDetailPage({ productId }: { productId: string }) {
  const { data: product, error } = useReadProductQuery({ productId });
  if (error) return <p role="alert">This product could not be loaded: {failureMessage(error)}</p>;
  if (!product) return <p role="status">Loading product…</p>;
  return (
    <section style={{ display: 'grid', gridTemplateColumns: 'minmax(14rem, 20rem) 1fr', gap: '1.5rem' }}>
      <ProductCard {...product} />
      <div>
        <h1>{product.name}</h1>
        <p>{product.description}</p>
        <p>Category: {product.category}</p>
      </div>
    </section>
  );
}

/** What a server render of this page needs in the request's store: the product. */
ProductDetailPage.serverData = (dispatch: AppDispatch, productId: string) =>
  dispatch(shopApi.endpoints.readProduct.initiate({ productId }));
