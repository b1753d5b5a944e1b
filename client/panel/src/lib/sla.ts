// SLA state of a ticket at a moment: time left, overdue, or stopped (finished tickets).
import { isOpenTicketStatus, type TicketDto, type TicketStatus } from '@linli/contracts';
import { fmtDuration } from './time';

export type SlaLevel = 'done' | 'ok' | 'soon' | 'overdue';

export interface SlaState {
  level: SlaLevel;
  label: string;
  msLeft: number;
}

/** "soon" is the last quarter of the allowed time, at most two hours. */
export function slaState(t: Pick<TicketDto, 'status' | 'slaDueAt' | 'createdAt'>, now = Date.now()): SlaState {
  const due = new Date(t.slaDueAt).getTime();
  const msLeft = due - now;
  if (!isOpenTicketStatus(t.status)) return { level: 'done', label: '', msLeft };
  if (msLeft <= 0) return { level: 'overdue', label: `已超时 ${fmtDuration(-msLeft)}`, msLeft };
  const total = due - new Date(t.createdAt).getTime();
  const soonWindow = Math.min(total / 4, 2 * 3_600_000);
  return { level: msLeft <= soonWindow ? 'soon' : 'ok', label: `剩余 ${fmtDuration(msLeft)}`, msLeft };
}

export const isOpen: (status: TicketStatus) => boolean = isOpenTicketStatus;
