import { useRouter } from 'next/router';
import { remoteComponent } from '../components/remoteComponent';

const AccountPage = remoteComponent('account/AccountPage', () => import('account/AccountPage'));

export default function AccountRoute() {
  const router = useRouter();
  return <AccountPage onNavigate={(path) => void router.push(path)} />;
}
