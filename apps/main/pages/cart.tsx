import { useRouter } from 'next/router';
import { remoteComponent } from '../components/remoteComponent';

const CartPage = remoteComponent('cart/CartPage', () => import('cart/CartPage'));

export default function CartRoute() {
  const router = useRouter();
  return <CartPage onNavigate={(path) => void router.push(path)} />;
}
