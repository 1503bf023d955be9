'use client';
import { useState } from 'react';
import { LoadFailed, type Navigate } from '@myapp/shell';
import { shopApi, useReadProductsQuery } from '@myapp/api';
import type { AppDispatch } from '@myapp/store';
import ProductCard from './ProductCard';

const CATEGORIES = [
  { value: '', label: 'Everything' },
  { value: 'beauty', label: 'Beauty' },
  { value: 'skincare', label: 'Skincare' },
  { value: 'haircare', label: 'Haircare' },
];

/** The catalogue's query for a category ('' for everything). */
function catalogueQuery(category: string) {
  return { category: category || undefined, pageSize: 48 };
}

/**
 * The beauty and care catalogue as a grid of ProductCards. Exposed to the host; it renders
 * without a Provider of its own because the host's is already up the tree.
 */
export default function BeautyCare({ onNavigate }: { onNavigate?: Navigate }) {
  const [category, setCategory] = useState('');
  // From the shared api cache: read once, whichever remote asks first.
  const products = useReadProductsQuery(catalogueQuery(category));
  const items = products.data?.items;

  return (
    <section>
      <h1>Beauty &amp; care</h1>
      <div role="group" aria-label="Category" style={{ display: 'flex', gap: '0.5rem', margin: '1rem 0' }}>
        {CATEGORIES.map((option) => (
          <button
            key={option.value}
            type="button"
            aria-pressed={category === option.value}
            onClick={() => setCategory(option.value)}
            style={category === option.value ? undefined : { background: 'transparent', color: 'inherit' }}
          >
            {option.label}
          </button>
        ))}
      </div>
      {products.isLoading && <p role="status">Loading products…</p>}
      <LoadFailed what="Products" error={products.error} onRetry={products.refetch} testId="products-error" />
      {items?.length === 0 && <p>No products in this category.</p>}
      {items && (
        <div
          className="product-grid"
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))', gap: '1rem' }}
        >
          {items.map((product) => (
            <ProductCard key={product.id} {...product} onNavigate={onNavigate} />
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * What a server render of the catalogue needs in the request's store: its first view, the query
 * the component reads on its first render (so it renders the products, not a loading line).
 */
BeautyCare.serverData = (dispatch: AppDispatch) => dispatch(shopApi.endpoints.readProducts.initiate(catalogueQuery('')));
