import { selectTickets, useAppSelector } from '@myapp/store';

/** The support page (exposed to the host). Renders no Provider: the host's is up the tree. */
export default function SupportPage() {
  const tickets = useAppSelector(selectTickets);
  return (
    <section data-testid="support-page">
      <h1>Support</h1>
      <p>{tickets.length} tickets</p>
    </section>
  );
}
