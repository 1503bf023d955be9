import { remotePage } from '../components/remoteComponent';

export default remotePage('account/AccountPage', {
  head: { title: 'Your account', description: 'Your profile, your support tickets and where you are signed in.' },
});
