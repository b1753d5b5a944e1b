// Ticket API calls used by the report, list and detail pages.
import type { Address, Page, SimilarTicketDto, TicketAction, TicketCategory, TicketDto } from '@linli/contracts';
import { api } from './api';

export interface NewTicket {
  category: TicketCategory;
  description?: string;
  location?: Address;
  attachments: string[];
  audio?: { uploadId: string; durationMs?: number };
  /** The resident chose 「一起关注」 on this open report of the same place and category. */
  duplicateOf?: string;
}

/** Open reports of one place and category (their place, status and follower count only), asked before submitting. */
export const similarTickets = (category: TicketCategory, place: Address) => {
  const q = new URLSearchParams({ category, building: place.building, ...(place.unit ? { unit: place.unit } : {}) });
  return api.get<{ items: SimilarTicketDto[] }>(`/tickets/similar?${q.toString()}`);
};

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

/** 回访 answer: solved with a score (her rating), or 没解决 (the ticket reopens under supervision). */
export const answerRevisit = (id: string, solved: boolean, score?: number, comment?: string) =>
  api.post<TicketDto>(`/tickets/${id}/revisit`, { solved, ...(score ? { score } : {}), ...(comment ? { comment } : {}) });
