import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { endpointFulfilled } from '../../api';
import { SLICE_ENDPOINTS } from '../../endpoints';

export type TicketStatus = 'open' | 'pending' | 'closed';

export interface Ticket {
  id: number;
  subject: string;
  message: string;
  status: TicketStatus;
  createdAt: string;
  updatedAt?: string;
}

export interface TicketsState {
  items: Ticket[];
}

const initialState: TicketsState = { items: [] };

const listAnswer = endpointFulfilled<Ticket[]>(SLICE_ENDPOINTS.ticketList);
const oneAnswer = endpointFulfilled<Ticket>(SLICE_ENDPOINTS.ticketOne);

/** Support tickets: created in the Support remote, listed in Account, counted in the header. */
export const ticketSlice = createSlice({
  name: 'tickets',
  initialState,
  reducers: {
    setTickets(_state, action: PayloadAction<Ticket[]>) {
      return { items: action.payload };
    },
    addTicket(state, action: PayloadAction<Ticket>) {
      state.items = [action.payload, ...state.items.filter((t) => t.id !== action.payload.id)];
    },
    updateTicketStatus(state, action: PayloadAction<{ id: number; status: TicketStatus }>) {
      const ticket = state.items.find((candidate) => candidate.id === action.payload.id);
      if (ticket) ticket.status = action.payload.status;
    },
    clearTickets() {
      return initialState;
    },
  },
  extraReducers: (builder) => {
    builder
      .addMatcher(listAnswer, (_state, action) => ({ items: action.payload }))
      .addMatcher(oneAnswer, (state, action) => {
        const index = state.items.findIndex((ticket) => ticket.id === action.payload.id);
        if (index === -1) state.items.unshift(action.payload);
        else state.items[index] = action.payload;
      });
  },
  selectors: {
    selectTickets: (tickets) => tickets.items,
    selectOpenTicketCount: (tickets) =>
      tickets.items.filter((ticket) => ticket.status !== 'closed').length,
  },
});

export const { setTickets, addTicket, updateTicketStatus, clearTickets } = ticketSlice.actions;
export const { selectTickets, selectOpenTicketCount } = ticketSlice.selectors;
