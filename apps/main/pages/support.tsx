import { remotePage } from '../components/remoteComponent';

export default remotePage('support/SupportPage', () => import('support/SupportPage'));
