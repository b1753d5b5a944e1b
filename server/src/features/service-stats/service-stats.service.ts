// 接诉即办 KPIs from raw tickets: 响应率 (signed on time), 办结率 (finished on time), 满意率, 重复报修率 — overall and per month, category, assignee, building or community.
import {
  addDays,
  serviceRate,
  shanghaiMonth,
  startOfShanghaiDay,
  type Principal,
  type ServiceCounts,
  type ServiceStatsDto,
  type ServiceStatsGroup,
  type ServiceStatsQuery,
} from '@linli/contracts';
import type { TicketsApi, TicketStatsRow } from '../tickets/ticket.service';
import { topProblems } from './service-stats.top';

function counts(rows: TicketStatsRow[]): ServiceCounts {
  let duplicates = 0, counted = 0, signedOnTime = 0, finishedOnTime = 0, rated = 0, satisfied = 0;
  for (const t of rows) {
    if (t.rating?.score) {
      rated++;
      if (t.rating.score >= 4) satisfied++;
    }
    if (t.duplicateOf?.id) {
      duplicates++;
      continue;
    }
    if (t.status === 'cancelled') continue;
    counted++;
    if (t.signedAt && t.signDueAt && t.signedAt.getTime() <= t.signDueAt.getTime()) signedOnTime++;
    if ((t.status === 'resolved' || t.status === 'closed') && t.resolvedAt && t.resolvedAt.getTime() <= t.slaDueAt.getTime()) finishedOnTime++;
  }
  const total = rows.length;
  return {
    total, duplicates, counted, signedOnTime, finishedOnTime, rated, satisfied,
    rates: {
      signedOnTime: serviceRate(signedOnTime, counted),
      finishedOnTime: serviceRate(finishedOnTime, counted),
      satisfied: serviceRate(satisfied, rated),
      duplicates: serviceRate(duplicates, total),
    },
  };
}

const KEY: Record<ServiceStatsGroup, (t: TicketStatsRow) => [string, string]> = {
  month: (t) => [shanghaiMonth(t.createdAt), shanghaiMonth(t.createdAt)],
  category: (t) => [t.category, t.category],
  assignee: (t) => (t.assigneeId ? [t.assigneeId, t.assigneeName ?? t.assigneeId] : ['', '未派单']),
  building: (t) => (t.location?.building ? [t.location.building, t.location.building] : ['', '未填写楼栋']),
  community: (t) => [t.communityId, t.communityId],
};

export class ServiceStatsService {
  constructor(private readonly tickets: Pick<TicketsApi, 'filedBetween' | 'street'>) {}

  /** 每月一题 (service-stats.top.ts). */
  topProblems(p: Principal, month: string) {
    return topProblems(this.tickets, p, month);
  }

  async stats(p: Principal, q: ServiceStatsQuery): Promise<ServiceStatsDto> {
    return figures(await this.tickets.filedBetween(p, startOfShanghaiDay(q.from), startOfShanghaiDay(addDays(q.to, 1))), q);
  }

  /** The street's KPIs: the same figures over all its communities' tickets (each community's as its own endpoint says), communities by name. */
  async overCommunities(communities: Array<{ id: string; name: string }>, q: ServiceStatsQuery): Promise<ServiceStatsDto> {
    const from = startOfShanghaiDay(q.from), to = startOfShanghaiDay(addDays(q.to, 1));
    const rows = (await Promise.all(communities.map((c) => this.tickets.street.filedBetween(c.id, from, to)))).flat();
    const names = new Map(communities.map((c) => [c.id, c.name]));
    const out = figures(rows, q, (key) => (q.groupBy === 'community' ? (names.get(key) ?? key) : undefined));
    // Per community, a community with no ticket in the period is a row of zeros, not a missing row.
    if (out.groups && q.groupBy === 'community') {
      for (const c of communities) if (!out.groups.some((g) => g.key === c.id)) out.groups.push({ key: c.id, label: c.name, ...counts([]) });
      out.groups.sort((a, b) => a.key.localeCompare(b.key, 'zh-CN'));
    }
    return out;
  }
}

function figures(rows: TicketStatsRow[], q: ServiceStatsQuery, relabel: (key: string) => string | undefined = () => undefined): ServiceStatsDto {
  const out: ServiceStatsDto = { from: q.from, to: q.to, overall: counts(rows) };
  if (!q.groupBy) return out;
  const groups = new Map<string, { label: string; rows: TicketStatsRow[] }>();
  for (const t of rows) {
    const [key, label] = KEY[q.groupBy](t);
    const g = groups.get(key) ?? { label: relabel(key) ?? label, rows: [] };
    g.rows.push(t);
    groups.set(key, g);
  }
  out.groupBy = q.groupBy;
  out.groups = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
    .map(([key, g]) => ({ key, label: g.label, ...counts(g.rows) }));
  return out;
}
