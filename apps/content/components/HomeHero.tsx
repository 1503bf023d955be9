import UserGreeting from './UserGreeting';

/**
 * The home page's hero: marketing copy, the same for everyone and rendered on the server, plus
 * one client-only line about the signed-in person.
 */
export default function HomeHero() {
  return (
    <section data-testid="home-hero" style={{ padding: '1.5rem 0' }}>
      <h1>Beauty and care, delivered</h1>
      <p>Skincare, haircare and make-up from brands we trust.</p>
      <p>
        Sign in with a one-time code sent to your phone, fill your cart from the catalogue, and talk to our
        support team whenever you need to: no passwords to remember.
      </p>
      <UserGreeting />
    </section>
  );
}
