import { remotePage } from '../components/remoteComponent';

export default remotePage('account/AccountPage', () => import('account/AccountPage'));
