import { remotePage } from '../components/remoteComponent';

export default remotePage('products/BeautyCare', () => import('products/BeautyCare'), {
  head: { title: 'Beauty & care products', description: 'The whole catalogue: skincare, haircare and make-up, with prices.' },
  // The remote owns its query (the catalogue's first view); the server fills the request's store with it.
  serverData: async (store) => (await import('products/BeautyCare')).default.serverData(store.dispatch),
});
