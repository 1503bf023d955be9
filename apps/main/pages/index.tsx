import Link from 'next/link';
import PageHead, { SHOP_NAME } from '../components/PageHead';
import { remoteComponent, serverRemotesOf } from '../components/remoteComponent';
import type { ServerPage } from '../components/serverPage';

const HomeHero = remoteComponent('content/HomeHero');

/** Content's hero (with its one greeting for the visitor), and the way into the catalogue. */
const HomePage: ServerPage = function HomePage() {
  return (
    <>
      <PageHead
        title={SHOP_NAME}
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
};

HomePage.serverRemotes = serverRemotesOf(HomeHero);

export default HomePage;
