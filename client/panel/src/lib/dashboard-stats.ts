// Dashboard numbers computed from tickets and notices: by status and category, median resolution time, SLA compliance, read rate.
import { TICKET_CATEGORIES, TICKET_STATUSES, isOpenTicketStatus, type NoticeDto, type TicketCategory, type TicketDto, type TicketStatus } from '@linli/contracts';

export interface DashboardStats {
  total: number;
  byStatus: Record<TicketStatus, number>;
  byCategory: { category: TicketCategory; count: number }[];
  /** Median time from report to 办结 (ms) over finished tickets; null if none. */
  medianResolutionMs: number | null;
  /** Share of finished tickets resolved before their SLA deadline (0..1); null if none. */
  slaCompliance: number | null;
  openOverdue: number;
  /** Read rate over published notices with recipients (sum read / sum recipients); null if none. */
  noticeReadRate: number | null;
  noticeCount: number;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function dashboardStats(tickets: TicketDto[], notices: NoticeDto[], now = Date.now()): DashboardStats {
  const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
  const cat = new Map<TicketCategory, number>();
  const durations: number[] = [];
  let inTime = 0;
  let openOverdue = 0;
  for (const t of tickets) {
    byStatus[t.status]++;
    cat.set(t.category, (cat.get(t.category) ?? 0) + 1);
    if (t.resolvedAt && (t.status === 'resolved' || t.status === 'closed')) {
      const resolved = new Date(t.resolvedAt).getTime();
      durations.push(resolved - new Date(t.createdAt).getTime());
      if (resolved <= new Date(t.slaDueAt).getTime()) inTime++;
    } else if (isOpenTicketStatus(t.status) && new Date(t.slaDueAt).getTime() < now) {
      openOverdue++;
    }
  }
  const published = notices.filter((n) => n.status === 'published' && (n.recipientCount ?? 0) > 0);
  const recipients = published.reduce((s, n) => s + (n.recipientCount ?? 0), 0);
  const reads = published.reduce((s, n) => s + (n.readCount ?? 0), 0);
  return {
    total: tickets.length,
    byStatus,
    byCategory: TICKET_CATEGORIES.map((c) => ({ category: c, count: cat.get(c) ?? 0 })).filter((c) => c.count > 0).sort((a, b) => b.count - a.count),
    medianResolutionMs: median(durations),
    slaCompliance: durations.length ? inTime / durations.length : null,
    openOverdue,
    noticeReadRate: recipients ? reads / recipients : null,
    noticeCount: published.length,
  };
}
