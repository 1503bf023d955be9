import { remotePage } from '../components/remoteComponent';
import { loadServerRemote } from '../components/serverRemotes';

const CATALOGUE = 'products/BeautyCare';

export default remotePage(CATALOGUE, {
  head: { title: 'Beauty & care products', description: 'The whole catalogue: skincare, haircare and make-up, with prices.' },
  // The remote owns its query (the catalogue's first view); the server fills the request's store with it.
  serverData: async (store) =>
    (await loadServerRemote(CATALOGUE)).default.serverData(store.dispatch),
});
