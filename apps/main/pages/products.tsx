import { lazy } from 'react';
import RemoteSlot from '../components/RemoteSlot';

const BeautyCare = lazy(() => import('products/BeautyCare'));

export default function ProductsPage() {
  return (
    <RemoteSlot remote="products/BeautyCare">
      <BeautyCare />
    </RemoteSlot>
  );
}
