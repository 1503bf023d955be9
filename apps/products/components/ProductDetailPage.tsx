'use client';
import { useEffect, useState } from 'react';
import { fetchProduct, type Product } from '@myapp/api';
import ProductCard from './ProductCard';

type DetailState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; product: Product };

/** One product with its description. Exposed to the host; no Provider of its own. */
export default function ProductDetailPage({ productId }: { productId: string }) {
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchProduct(productId, controller.signal)
      .then((product) => setState({ status: 'ready', product }))
      .catch((error: Error) => {
        if (error.name !== 'AbortError') setState({ status: 'error', message: error.message });
      });
    return () => controller.abort();
  }, [productId]);

  if (state.status === 'loading') return <p role="status">Loading product…</p>;
  if (state.status === 'error') return <p role="alert">This product could not be loaded: {state.message}</p>;
  const { product } = state;
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
