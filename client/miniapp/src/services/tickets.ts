// Ticket API calls used by the report, list and detail pages.
import type { Address, Page, TicketAction, TicketCategory, TicketDto } from '@linli/contracts';
import { api } from './api';

export interface NewTicket {
  category: TicketCategory;
  description?: string;
  location?: Address;
  attachments: string[];
  audio?: { uploadId: string; durationMs?: number };
}

export const createTicket = (t: NewTicket, idempotencyKey: string) =>
  api.post<TicketDto>('/tickets', { ...t, channel: 'app' }, { 'Idempotency-Key': idempotencyKey });

export const myTickets = (cursor?: string | null) =>
  api.get<Page<TicketDto>>(`/tickets?mine=1&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

export const getTicket = (id: string) => api.get<TicketDto>(`/tickets/${id}`);

export const urgeTicket = (id: string) => api.post<TicketDto>(`/tickets/${id}/urge`);

export const transitionTicket = (id: string, action: TicketAction, note?: string) =>
  api.post<TicketDto>(`/tickets/${id}/transition`, { action, ...(note ? { note } : {}) });

export const rateTicket = (id: string, score: number, comment?: string) =>
  api.post<TicketDto>(`/tickets/${id}/rating`, { score, ...(comment ? { comment } : {}) });
