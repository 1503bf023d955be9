import { remotePage } from '../components/remoteComponent';

export default remotePage<typeof import('cart/CartPage')>('cart/CartPage', {
  head: { title: 'Your cart', description: 'The products in your MyApp Shop cart, coupons and totals.' },
});
