import { useEffect, useState, type FormEvent } from 'react';
import { changeTicketStatus, createTicket, fetchTickets } from '@myapp/api';
import {
  addTicket,
  selectTickets,
  setTickets,
  updateTicketStatus,
  useAppDispatch,
  useAppSelector,
  useAppStore,
  type Ticket,
} from '@myapp/store';

/** The API's limits (TicketBase), checked here too so a person learns them before sending. */
const MAX_SUBJECT_LENGTH = 200;
const MAX_MESSAGE_LENGTH = 5000;

const STATUS_LABELS: Record<Ticket['status'], string> = {
  open: 'Open',
  pending: 'Pending',
  closed: 'Closed',
};

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * Create a ticket and list mine. The tickets live in the store, so the host's header counts the
 * open ones and Account lists them the moment they change here.
 */
export default function TicketDesk() {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const tickets = useAppSelector(selectTickets);
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [changingId, setChangingId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // Keyed on the store object, which never changes: the list is read once per visit, whatever
    // else re-renders the page.
    const controller = new AbortController();
    setLoading(true);
    fetchTickets(controller.signal)
      .then((list) => store.dispatch(setTickets(list)))
      .catch((failure: Error) => {
        if (failure.name !== 'AbortError') setError(`Your tickets could not be loaded: ${failure.message}`);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [store]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreating(true);
    setError(null);
    try {
      dispatch(addTicket(await createTicket({ subject: subject.trim(), message: message.trim() })));
      setSubject('');
      setMessage('');
    } catch (failure) {
      setError(`The ticket was not created: ${(failure as Error).message}`);
    } finally {
      setCreating(false);
    }
  };

  const toggleStatus = async (ticket: Ticket) => {
    const next = ticket.status === 'closed' ? 'open' : 'closed';
    setChangingId(ticket.id);
    setError(null);
    try {
      const updated = await changeTicketStatus(ticket.id, next);
      dispatch(updateTicketStatus({ id: updated.id, status: updated.status }));
    } catch (failure) {
      const verb = next === 'closed' ? 'closed' : 'reopened';
      setError(`Ticket #${ticket.id} was not ${verb}: ${(failure as Error).message}`);
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
      {error && (
        <p role="alert" data-testid="ticket-error" style={{ color: '#b42318', margin: 0 }}>
          {error}
        </p>
      )}
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
              <span>{STATUS_LABELS[ticket.status]}</span>
            </div>
            <p style={{ margin: '0.25rem 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{ticket.message}</p>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '0.5rem' }}>
              <small style={{ color: '#475467' }}>
                Opened <time dateTime={ticket.createdAt}>{formatDate(ticket.createdAt)}</time>
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
