/** The home page's hero: marketing copy, the same for everyone. */
export default function HomeHero() {
  return (
    <section data-testid="home-hero">
      <h1>Beauty and care, delivered</h1>
      <p>Skincare, haircare and make-up from brands we trust.</p>
    </section>
  );
}
