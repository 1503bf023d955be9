import Link from 'next/link';
import { selectIsLoggedIn, selectUserName, useAppSelector } from '@myapp/store';

export default function HomePage() {
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const name = useAppSelector(selectUserName);
  return (
    <section className="hero">
      <h1>{isLoggedIn ? `Welcome back${name ? `, ${name}` : ''}` : 'Welcome to MyApp Shop'}</h1>
      <p>
        One store, many micro frontends: sign in through the Auth remote and every other remote knows at
        once.
      </p>
      <p>
        <Link href="/products" className="button">
          Browse products
        </Link>
      </p>
    </section>
  );
}
