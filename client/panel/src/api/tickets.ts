// Typed calls to the ticket API (see contracts/src/tickets.ts).
import type { Page, StaffDto, TicketAction, TicketCreate, TicketDto, TicketQuery, TicketRevisitAnswer, TicketTriage } from '@linli/contracts';
import { download, get, post, qs } from './http';

export type TicketFilter = Partial<Omit<TicketQuery, 'limit'>> & { limit?: number };

export const ticketsApi = {
  list: (f: TicketFilter) => get<Page<TicketDto>>(`/api/tickets${qs(f as Record<string, string>)}`),
  get: (id: string) => get<TicketDto>(`/api/tickets/${id}`),
  /** The filtered list (every page) as an Excel workbook, with the same query parameters as list(). */
  xlsx: (query: Record<string, string | undefined>) => download(`/api/tickets.xlsx${qs(query)}`, '诉求工单.xlsx'),
  create: (input: Omit<TicketCreate, 'attachments'> & { attachments?: string[] }) => post<TicketDto>('/api/tickets', input),
  transition: (id: string, action: TicketAction, extra: { assigneeId?: string; note?: string } = {}) =>
    post<TicketDto>(`/api/tickets/${id}/transition`, { action, ...extra }),
  comment: (id: string, body: string, internal: boolean) => post<TicketDto>(`/api/tickets/${id}/comments`, { body, internal }),
  transcript: (id: string, transcript: string) => post<TicketDto>(`/api/tickets/${id}/transcript`, { transcript }),
  link: (id: string, primaryId: string) => post<TicketDto>(`/api/tickets/${id}/link`, { primaryId }),
  unlink: (id: string) => post<TicketDto>(`/api/tickets/${id}/unlink`, {}),
  askExtension: (id: string, hours: number, reason: string) => post<TicketDto>(`/api/tickets/${id}/extension`, { hours, reason }),
  decideExtension: (id: string, approve: boolean) => post<TicketDto>(`/api/tickets/${id}/extension/decision`, { approve }),
  staff: () => get<{ items: StaffDto[] }>('/api/staff'),
  /** 智能分诊: a suggestion for words before filing, and confirming a ticket's own. */
  triage: (text: string) => post<TicketTriage>('/api/tickets/triage', { text }),
  acceptTriage: (id: string) => post<TicketDto>(`/api/tickets/${id}/triage/accept`, {}),
  /** Staff record what she said on the 回访 call. */
  revisit: (id: string, answer: TicketRevisitAnswer) => post<TicketDto>(`/api/tickets/${id}/revisit`, answer),
  /** The ticket's 催办/督办/街道 SMS and 回访 messages with their outcomes. */
  deliveries: (id: string) => get<{ items: TicketDeliveryRow[] }>(`/api/tickets/${id}/deliveries`),
};

/** One message a ticket sent (GET /api/tickets/:id/deliveries); the number is masked. */
export interface TicketDeliveryRow {
  id: string;
  purpose: 'ladder' | 'revisit';
  channel: 'sms' | 'bot';
  recipient: { kind: string; name: string; phone?: string };
  status: 'queued' | 'sent' | 'delivered' | 'failed' | 'acknowledged' | 'cancelled' | 'skipped';
  reason?: string;
  createdAt: string;
}
