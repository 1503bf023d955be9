import { useState, type FormEvent } from 'react';
import {
  failureMessage,
  toApiError,
  useCreateTicketMutation,
  useReadTicketsQuery,
  useUpdateTicketMutation,
} from '@myapp/api';
import { Alert, TICKET_STATUS_LABELS, formatDateTime } from '@myapp/shell';
import { selectIsLoggedIn, selectTickets, useAppSelector, type Ticket } from '@myapp/store';

/** The API's limits (TicketBase), checked here too so a person learns them before sending. */
const MAX_SUBJECT_LENGTH = 200;
const MAX_MESSAGE_LENGTH = 5000;

/**
 * Create a ticket and list mine. The tickets live in the store, so the host's header counts the
 * open ones and Account lists them the moment they change here.
 */
export default function TicketDesk() {
  const tickets = useAppSelector(selectTickets);
  // The host read them after sign-in: the shared cache answers at once, nothing is read again.
  const isLoggedIn = useAppSelector(selectIsLoggedIn);
  const list = useReadTicketsQuery(undefined, { skip: !isLoggedIn });
  const [createTicket, { isLoading: creating }] = useCreateTicketMutation();
  const [updateTicket] = useUpdateTicketMutation();
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [changingId, setChangingId] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const loading = !list.data && !list.error;
  const error = problem ?? (list.error ? `Your tickets could not be loaded: ${failureMessage(list.error)}` : null);

  // Each answer reaches the store's tickets slice (its matchers), so Account and the header follow.
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await createTicket({ ticketCreate: { subject: subject.trim(), message: message.trim() } }).unwrap();
      setSubject('');
      setMessage('');
    } catch (failure) {
      setProblem(`The ticket was not created: ${toApiError(failure).message}`);
    }
  };

  const toggleStatus = async (ticket: Ticket) => {
    const next = ticket.status === 'closed' ? 'open' : 'closed';
    setChangingId(ticket.id);
    setProblem(null);
    try {
      await updateTicket({ ticketId: ticket.id, ticketUpdate: { status: next } }).unwrap();
    } catch (failure) {
      const verb = next === 'closed' ? 'closed' : 'reopened';
      setProblem(`Ticket #${ticket.id} was not ${verb}: ${toApiError(failure).message}`);
    } finally {
      setChangingId(null);
    }
  };

  const blank = subject.trim() === '' || message.trim() === '';
  return (
    <section aria-labelledby="tickets-title" style={{ display: 'grid', gap: '0.75rem', alignContent: 'start' }}>
      <h2 id="tickets-title" style={{ margin: 0 }}>
        Tickets
      </h2>
      <form onSubmit={create} style={{ display: 'grid', gap: '0.5rem' }}>
        <label htmlFor="ticket-subject">Subject</label>
        <input
          id="ticket-subject"
          data-testid="ticket-subject"
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
          maxLength={MAX_SUBJECT_LENGTH}
          required
          style={{ padding: '0.5rem', fontSize: '1rem' }}
        />
        <label htmlFor="ticket-message">How can we help?</label>
        <textarea
          id="ticket-message"
          data-testid="ticket-message"
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          maxLength={MAX_MESSAGE_LENGTH}
          required
          rows={4}
          style={{ padding: '0.5rem', fontSize: '1rem', fontFamily: 'inherit' }}
        />
        {/* Disabled while the list loads: a late list would otherwise replace the new ticket. */}
        <button type="submit" data-testid="create-ticket" disabled={creating || loading || blank}>
          {creating ? 'Creating…' : 'Create ticket'}
        </button>
      </form>
      {error && <Alert testId="ticket-error">{error}</Alert>}
      {loading && tickets.length === 0 && <p role="status">Loading your tickets…</p>}
      {!loading && tickets.length === 0 && <p>You have no tickets yet.</p>}
      <ul data-testid="ticket-list" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: '0.5rem' }}>
        {tickets.map((ticket) => (
          <li
            key={ticket.id}
            data-testid="ticket-item"
            data-ticket-id={ticket.id}
            data-status={ticket.status}
            style={{ border: '1px solid #d0d5dd', borderRadius: '0.5rem', padding: '0.5rem 0.75rem' }}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: '0.5rem', alignItems: 'baseline' }}>
              <strong style={{ overflowWrap: 'anywhere' }}>
                #{ticket.id} {ticket.subject}
              </strong>
              <span>{TICKET_STATUS_LABELS[ticket.status]}</span>
            </div>
            <p style={{ margin: '0.25rem 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{ticket.message}</p>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '0.5rem' }}>
              <small style={{ color: '#475467' }}>
                Opened <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt)}</time>
              </small>
              <button
                type="button"
                data-testid="ticket-toggle-status"
                disabled={changingId === ticket.id}
                onClick={() => void toggleStatus(ticket)}
                aria-label={`${ticket.status === 'closed' ? 'Reopen' : 'Close'} ticket #${ticket.id}`}
              >
                {ticket.status === 'closed' ? 'Reopen' : 'Close'}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
