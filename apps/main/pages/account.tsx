import { remoteComponent, useHostNavigate } from '../components/remoteComponent';

const AccountPage = remoteComponent('account/AccountPage', () => import('account/AccountPage'));

export default function AccountRoute() {
  return <AccountPage onNavigate={useHostNavigate()} />;
}
