import { apiRequest } from './client';
import type { TicketCreate, TicketPublic, TicketStatus } from './types';

export function createTicket(input: TicketCreate): Promise<TicketPublic> {
  return apiRequest<TicketPublic>('/tickets', { method: 'POST', body: input });
}

/** The signed-in user's tickets, newest first. */
export function fetchTickets(signal?: AbortSignal): Promise<TicketPublic[]> {
  return apiRequest<TicketPublic[]>('/tickets', { signal });
}

export function fetchTicket(id: number, signal?: AbortSignal): Promise<TicketPublic> {
  return apiRequest<TicketPublic>(`/tickets/${id}`, { signal });
}

export function changeTicketStatus(id: number, status: TicketStatus): Promise<TicketPublic> {
  return apiRequest<TicketPublic>(`/tickets/${id}`, { method: 'PATCH', body: { status } });
}
