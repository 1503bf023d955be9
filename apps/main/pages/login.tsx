import { remotePage } from '../components/remoteComponent';

export default remotePage('auth/Login', {
  head: { title: 'Sign in', description: 'Sign in to MyApp Shop with a one-time code sent to your phone.' },
});
