import Link from 'next/link';
import HomeHero from '../components/HomeHero';

const promises = [
  { title: 'Brands we trust', text: 'Every product in the catalogue is one our team has tried.' },
  { title: 'One cart everywhere', text: 'Your cart is kept with your account, on every device you sign in on.' },
  { title: 'People who answer', text: 'Open a ticket or chat with support from the Support page.' },
];

/** Content's marketing home, when the remote runs on its own. */
export default function ContentHome() {
  return (
    <>
      <HomeHero />
      <section aria-label="Why shop with us">
        <ul style={{ listStyle: 'none', padding: 0, display: 'grid', gap: '1rem' }}>
          {promises.map((promise) => (
            <li key={promise.title}>
              <h2 style={{ fontSize: '1.1rem', marginBottom: '0.25rem' }}>{promise.title}</h2>
              <p style={{ margin: 0 }}>{promise.text}</p>
            </li>
          ))}
        </ul>
        <p>
          Questions first? <Link href="/faq">Read the FAQ</Link>.
        </p>
      </section>
    </>
  );
}
