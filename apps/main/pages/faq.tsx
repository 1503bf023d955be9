import { remotePage } from '../components/remoteComponent';

export default remotePage('content/FAQ', {
  head: {
    title: 'Frequently asked questions',
    description: 'How signing in, delivery, returns, coupons and support work at MyApp Shop.',
  },
});
