// Client-side check that a pushed ticket belongs in a list loaded with the same filter.
import type { TicketDto, TicketStatus } from '@linli/contracts';
import { isOpen } from './sla';

export interface TicketListFilter {
  status?: TicketStatus[];
  category?: string;
  building?: string;
  overdue?: boolean;
  mine?: boolean;
  q?: string;
}

export function ticketMatches(f: TicketListFilter, t: TicketDto, me?: string): boolean {
  if (f.status?.length && !f.status.includes(t.status)) return false;
  if (f.category && t.category !== f.category) return false;
  if (f.building && t.location?.building !== f.building) return false;
  if (f.overdue && !(t.overdue || (isOpen(t.status) && new Date(t.slaDueAt).getTime() < Date.now()))) return false;
  if (f.mine && t.assigneeId !== me) return false;
  if (f.q && !`${t.no}${t.title}${t.description}${t.reporter.name}`.includes(f.q)) return false;
  return true;
}

/** The query string parameters of the ticket API for a filter. */
export function toQuery(f: TicketListFilter): Record<string, string | undefined> {
  return {
    status: f.status?.length ? f.status.join(',') : undefined,
    category: f.category,
    building: f.building,
    overdue: f.overdue ? '1' : undefined,
    mine: f.mine ? '1' : undefined,
    q: f.q || undefined,
  };
}
