import { useRouter } from 'next/router';
import { remoteComponent } from '../../components/remoteComponent';

const ProductDetailPage = remoteComponent('products/ProductDetailPage', () => import('products/ProductDetailPage'));

/** One product, from the Products remote (read from the shared api cache when the list already has it). */
export default function ProductRoute() {
  const { query, isReady } = useRouter();
  const productId = typeof query.id === 'string' ? query.id : null;
  if (!isReady || !productId) return <p role="status">Loading product…</p>;
  return <ProductDetailPage productId={productId} />;
}
