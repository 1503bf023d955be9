import { failureMessage, useReadProductsQuery, type Product, type ProductQuery } from '@myapp/api';

export type ProductsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: Product[]; total: number };

/** One page of the catalogue, from the shared api cache (read once, whichever remote asks first). */
export function useProducts(query: ProductQuery): ProductsState {
  const { data, error, isLoading } = useReadProductsQuery(query);
  if (error) return { status: 'error', message: failureMessage(error) ?? 'The products could not be loaded' };
  if (isLoading || !data) return { status: 'loading' };
  return { status: 'ready', items: data.items, total: data.total };
}
