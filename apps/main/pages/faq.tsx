import { remoteComponent } from '../components/remoteComponent';

const FAQ = remoteComponent('content/FAQ', () => import('content/FAQ'));

export default function FaqRoute() {
  return <FAQ />;
}
