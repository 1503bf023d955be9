import { remotePage } from '../components/remoteComponent';

export default remotePage('cart/CartPage', {
  head: { title: 'Your cart', description: 'The products in your MyApp Shop cart, coupons and totals.' },
});
