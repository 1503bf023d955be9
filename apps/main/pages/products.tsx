import { remotePage } from '../components/remoteComponent';

export default remotePage('products/BeautyCare', () => import('products/BeautyCare'));
