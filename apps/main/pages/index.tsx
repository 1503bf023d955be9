import Link from 'next/link';
import { selectIsLoggedIn, selectUserName, useAppSelector } from '@myapp/store';
import { remoteComponent } from '../components/remoteComponent';

const HomeHero = remoteComponent('content/HomeHero', () => import('content/HomeHero'));

export default function HomePage() {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const name = useAppSelector(selectUserName);
  return (
    <>
      <HomeHero />
      <section className="hero">
        <p data-testid="welcome">{isLoggedIn ? `Welcome back${name ? `, ${name}` : ''}.` : 'Welcome to MyApp Shop.'}</p>
        <p>
          <Link href="/products" className="button">
            Browse products
          </Link>
        </p>
      </section>
    </>
  );
}
