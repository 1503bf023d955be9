import { remoteComponent } from '../components/remoteComponent';

const SupportPage = remoteComponent('support/SupportPage', () => import('support/SupportPage'));

export default function SupportRoute() {
  return <SupportPage />;
}
