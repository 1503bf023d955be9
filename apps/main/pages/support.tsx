import { remoteComponent, useHostNavigate } from '../components/remoteComponent';

const SupportPage = remoteComponent('support/SupportPage', () => import('support/SupportPage'));

export default function SupportRoute() {
  // Its login link goes through the host's router: no full page reload.
  return <SupportPage onNavigate={useHostNavigate()} />;
}
