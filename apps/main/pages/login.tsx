import { remotePage } from '../components/remoteComponent';

export default remotePage('auth/Login', () => import('auth/Login'));
