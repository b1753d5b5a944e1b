// Today's ticket numbers for the big screen, computed from the loaded tickets (Asia/Shanghai day).
import { shanghaiDay, type TicketCategory, type TicketDto } from '@linli/contracts';
import { isOpen, slaState } from './sla';

export interface ScreenStats {
  receivedToday: number;
  resolvedToday: number;
  /** Open tickets nobody has taken on yet (待受理) — not the same as being worked on. */
  waiting: number;
  /** Accepted, assigned or in progress (正在处理). */
  working: number;
  open: number;
  overdue: number;
  byCategory: { category: TicketCategory; count: number }[];
}

export function screenStats(tickets: TicketDto[], now = Date.now()): ScreenStats {
  const today = shanghaiDay(now);
  const isToday = (iso?: string) => !!iso && shanghaiDay(iso) === today;
  const counts = new Map<TicketCategory, number>();
  let receivedToday = 0;
  let resolvedToday = 0;
  let open = 0;
  let waiting = 0;
  let overdue = 0;
  for (const t of tickets) {
    if (isToday(t.createdAt)) {
      receivedToday++;
      counts.set(t.category, (counts.get(t.category) ?? 0) + 1);
    }
    if (isToday(t.resolvedAt) && (t.status === 'resolved' || t.status === 'closed')) resolvedToday++;
    if (isOpen(t.status)) {
      open++;
      if (t.status === 'submitted') waiting++;
      if (slaState(t, now).level === 'overdue') overdue++;
    }
  }
  const byCategory = [...counts.entries()].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count);
  return { receivedToday, resolvedToday, waiting, working: open - waiting, open, overdue, byCategory };
}

/** What the hall may see of a reporter: the surname only. */
export function maskName(name: string): string {
  if (!name) return '居民';
  return `${[...name][0]}**`;
}
