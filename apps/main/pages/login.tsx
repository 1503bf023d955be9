import { useRouter } from 'next/router';
import { remoteComponent } from '../components/remoteComponent';

const Login = remoteComponent('auth/Login', () => import('auth/Login'));

export default function LoginPage() {
  const router = useRouter();
  return <Login onNavigate={(path) => void router.push(path)} />;
}
