import { remotePage } from '../components/remoteComponent';

export default remotePage<typeof import('auth/Login')>('auth/Login', {
  head: { title: 'Sign in', description: 'Sign in to MyApp Shop with a one-time code sent to your phone.' },
});
