import { remotePage } from '../components/remoteComponent';

export default remotePage('content/FAQ', () => import('content/FAQ'));
