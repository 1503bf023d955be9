import Link from 'next/link';
import PageHead from '../components/PageHead';
import { remoteComponent } from '../components/remoteComponent';

const HomeHero = remoteComponent('content/HomeHero', () => import('content/HomeHero'));

/** Content's hero (with its one greeting for the visitor), and the way into the catalogue. */
export default function HomePage() {
  return (
    <>
      <PageHead
        title="MyApp Shop"
        description="Skincare, haircare and make-up from brands we trust, delivered. Sign in with a one-time code, no password."
      />
      <HomeHero />
      <section className="hero">
        <p>
          <Link href="/products" className="button">
            Browse products
          </Link>
        </p>
      </section>
    </>
  );
}
