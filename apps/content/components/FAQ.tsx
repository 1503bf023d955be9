import { faqEntries } from './faqEntries';
import UserGreeting from './UserGreeting';

/**
 * Frequently asked questions: the same text for everyone, rendered on the server as well as in
 * the host. Only the greeting above the questions is user-specific, and it renders client-side.
 */
export default function FAQ() {
  return (
    <section data-testid="faq">
      <h1>Frequently asked questions</h1>
      <UserGreeting />
      {faqEntries.map((entry) => (
        <article key={entry.id} id={entry.id} data-testid="faq-item" style={{ margin: '1.25rem 0' }}>
          <h2 style={{ fontSize: '1.1rem', marginBottom: '0.35rem' }}>{entry.question}</h2>
          <p style={{ margin: 0, lineHeight: 1.5 }}>{entry.answer}</p>
        </article>
      ))}
    </section>
  );
}
