import { useRouter } from 'next/router';
import ProductDetailPage from '../components/ProductDetailPage';

export default function ProductRoute() {
  const { query, isReady } = useRouter();
  if (!isReady || typeof query.id !== 'string') return null;
  return <ProductDetailPage productId={query.id} />;
}
