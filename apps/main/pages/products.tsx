import { remoteComponent } from '../components/remoteComponent';

const BeautyCare = remoteComponent('products/BeautyCare', () => import('products/BeautyCare'));

export default function ProductsPage() {
  return <BeautyCare />;
}
