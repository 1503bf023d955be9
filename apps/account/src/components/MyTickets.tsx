import { selectTickets, useAppSelector, type TicketStatus } from '@myapp/store';

const STATUS_LABEL: Record<TicketStatus, string> = {
  open: 'Open',
  pending: 'Pending',
  closed: 'Closed',
};

export interface MyTicketsProps {
  /** True until the page's own read of the tickets has answered. */
  loading: boolean;
  /** Why that read failed, if it did. */
  error: string | null;
  onRetry: () => void;
}

/**
 * The signed-in person's support tickets, read from the shared store: Support adds to it, the
 * host's header counts it, and this list follows both without a reload.
 */
export default function MyTickets({ loading, error, onRetry }: MyTicketsProps) {
  const tickets = useAppSelector(selectTickets);
  return (
    <section aria-labelledby="account-tickets-heading">
      <h2 id="account-tickets-heading">My tickets</h2>
      {error && (
        <p role="alert" style={{ color: '#b42318' }}>
          Your tickets could not be loaded: {error}{' '}
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
      {tickets.length > 0 ? (
        <ul data-testid="account-tickets" style={{ listStyle: 'none', padding: 0, display: 'grid', gap: '0.5rem' }}>
          {tickets.map((ticket) => (
            <li
              key={ticket.id}
              data-testid="account-ticket"
              data-ticket-id={ticket.id}
              data-status={ticket.status}
              style={{ display: 'flex', gap: '1rem', justifyContent: 'space-between', flexWrap: 'wrap' }}
            >
              <strong>{ticket.subject}</strong>
              <span>{STATUS_LABEL[ticket.status]}</span>
              <time dateTime={ticket.createdAt}>{new Date(ticket.createdAt).toLocaleDateString()}</time>
            </li>
          ))}
        </ul>
      ) : loading ? (
        <p role="status">Loading your tickets…</p>
      ) : (
        !error && <p data-testid="account-no-tickets">You have no support tickets.</p>
      )}
    </section>
  );
}
