import { lazy } from 'react';
import { useRouter } from 'next/router';
import RemoteSlot from '../components/RemoteSlot';

const Login = lazy(() => import('auth/Login'));

export default function LoginPage() {
  const router = useRouter();
  return (
    <RemoteSlot remote="auth/Login">
      <Login onNavigate={(path) => void router.push(path)} />
    </RemoteSlot>
  );
}
