import { remotePage } from '../components/remoteComponent';

export default remotePage('cart/CartPage', () => import('cart/CartPage'));
