import { remoteComponent, useHostNavigate } from '../components/remoteComponent';

const CartPage = remoteComponent('cart/CartPage', () => import('cart/CartPage'));

export default function CartRoute() {
  return <CartPage onNavigate={useHostNavigate()} />;
}
