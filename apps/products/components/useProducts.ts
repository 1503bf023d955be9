import { useEffect, useState } from 'react';
import { fetchProducts, type Product, type ProductQuery } from '@myapp/api';

export type ProductsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: Product[]; total: number };

/** Loads one page of the catalogue. Server data stays local; it is not federated state. */
export function useProducts(query: ProductQuery): ProductsState {
  const [state, setState] = useState<ProductsState>({ status: 'loading' });
  const { q, category, page, pageSize } = query;
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchProducts({ q, category, page, pageSize }, controller.signal)
      .then((result) => setState({ status: 'ready', items: result.items, total: result.total }))
      .catch((error: Error) => {
        if (error.name !== 'AbortError') setState({ status: 'error', message: error.message });
      });
    return () => controller.abort();
  }, [q, category, page, pageSize]);
  return state;
}
