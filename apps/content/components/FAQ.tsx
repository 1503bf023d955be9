/** Frequently asked questions: static text, rendered on the server as well as in the host. */
export default function FAQ() {
  return (
    <section data-testid="faq">
      <h1>Frequently asked questions</h1>
      <h2>How do I sign in?</h2>
      <p>Enter your mobile number and type the six-digit code we send you.</p>
    </section>
  );
}
