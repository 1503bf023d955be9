import type { QueryFailure } from '@myapp/api';
import { LoadFailed, TICKET_STATUS_LABELS, formatDateTime } from '@myapp/shell';
import { selectTickets, useAppSelector } from '@myapp/store';

export interface MyTicketsProps {
  /** True until the page's own read of the tickets has answered. */
  loading: boolean;
  /** Why that read failed, if it did. */
  error: QueryFailure;
  onRetry: () => unknown;
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
      <LoadFailed what="Your tickets" error={error} onRetry={onRetry} />
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
              <span>{TICKET_STATUS_LABELS[ticket.status]}</span>
              <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt)}</time>
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
