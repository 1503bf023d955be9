import { apiRequest } from './client';
import type { Product, ProductPage } from './types';

export interface ProductQuery {
  q?: string;
  category?: string;
  page?: number;
  pageSize?: number;
}

/** One page of the catalogue, optionally searched and filtered by category. */
export function fetchProducts(query: ProductQuery = {}, signal?: AbortSignal): Promise<ProductPage> {
  return apiRequest<ProductPage>('/products', { query: { ...query }, signal });
}

/** One product by its id. */
export function fetchProduct(id: string, signal?: AbortSignal): Promise<Product> {
  return apiRequest<Product>(`/products/${encodeURIComponent(id)}`, { signal });
}
