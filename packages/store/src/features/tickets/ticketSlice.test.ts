import { describe, expect, it } from 'vitest';
import { makeStore } from '../../store';
import {
  addTicket,
  clearTickets,
  selectOpenTicketCount,
  selectTickets,
  setTickets,
  updateTicketStatus,
  type Ticket,
} from './ticketSlice';

const ticket = (id: number, status: Ticket['status'] = 'open'): Ticket => ({
  id,
  subject: `Ticket ${id}`,
  message: 'Where is my order?',
  status,
  createdAt: '2026-11-25T10:00:00Z',
});

describe('tickets slice', () => {
  it('setTickets replaces the list; selectOpenTicketCount skips closed ones', () => {
    const store = makeStore();
    store.dispatch(setTickets([ticket(1), ticket(2, 'closed'), ticket(3, 'pending')]));
    expect(selectTickets(store.getState())).toHaveLength(3);
    expect(selectOpenTicketCount(store.getState())).toBe(2);
  });

  it('addTicket puts the newest first and never duplicates an id', () => {
    const store = makeStore();
    store.dispatch(addTicket(ticket(1)));
    store.dispatch(addTicket(ticket(2)));
    store.dispatch(addTicket({ ...ticket(1), subject: 'Updated' }));
    expect(selectTickets(store.getState()).map((t) => [t.id, t.subject])).toEqual([
      [1, 'Updated'],
      [2, 'Ticket 2'],
    ]);
  });

  it('updateTicketStatus changes one ticket', () => {
    const store = makeStore();
    store.dispatch(setTickets([ticket(1), ticket(2)]));
    store.dispatch(updateTicketStatus({ id: 2, status: 'closed' }));
    expect(selectTickets(store.getState()).map((t) => t.status)).toEqual(['open', 'closed']);
    expect(selectOpenTicketCount(store.getState())).toBe(1);
  });

  it('clearTickets empties the list', () => {
    const store = makeStore();
    store.dispatch(setTickets([ticket(1)]));
    store.dispatch(clearTickets());
    expect(selectTickets(store.getState())).toEqual([]);
  });
});
