// 每月一题: a month's recurring problems by place and category, from the duplicate clusters (reports linked into one problem), with a ready-made notice.
import { addMonths, isOpenTicketStatus, startOfShanghaiMonth, type Principal, type TicketCategory, type TopProblemDto, type TopProblemsDto } from '@linli/contracts';
import type { TicketsApi, TicketStatsRow } from '../tickets/ticket.service';

/** How many problems the report ranks; a place and category reported once is not recurring. */
const TOP = 5;
const MIN_REPORTS = 2;

function placeOf(t: TicketStatsRow): string | null {
  if (t.location?.building) return `${t.location.building}${t.location.unit ?? ''}`;
  return t.deviceId ? `设备 ${t.title}` : null;
}

export async function topProblems(tickets: Pick<TicketsApi, 'filedBetween'>, p: Principal, month: string): Promise<TopProblemsDto> {
  const rows = await tickets.filedBetween(p, startOfShanghaiMonth(month), startOfShanghaiMonth(addMonths(month, 1)));
  const groups = new Map<string, { place: string; category: TicketCategory; rows: TicketStatsRow[] }>();
  for (const t of [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    if (t.status === 'cancelled') continue;
    const place = placeOf(t);
    if (!place) continue;
    const key = `${place}|${t.category}`;
    const g = groups.get(key) ?? { place, category: t.category, rows: [] };
    g.rows.push(t);
    groups.set(key, g);
  }
  const items: TopProblemDto[] = [...groups.values()]
    .map((g) => {
      // One cluster per primary: a linked report counts toward the problem it was linked into (even one filed last month).
      const clusters = new Map<string, { no: string; open: boolean }>();
      for (const t of g.rows) {
        const id = t.duplicateOf?.id ?? String(t._id);
        if (!clusters.has(id) || !t.duplicateOf?.id) clusters.set(id, { no: t.duplicateOf?.no ?? t.no, open: isOpenTicketStatus(t.status) });
      }
      return { place: g.place, category: g.category, reports: g.rows.length, problems: clusters.size, open: [...clusters.values()].filter((c) => c.open).length, nos: [...clusters.values()].map((c) => c.no), example: g.rows[0]!.title };
    })
    .filter((x) => x.reports >= MIN_REPORTS)
    .sort((a, b) => b.reports - a.reports || b.problems - a.problems || a.place.localeCompare(b.place, 'zh-CN'))
    .slice(0, TOP);
  return { month, items, notice: noticeOf(month, items) };
}

function noticeOf(month: string, items: TopProblemDto[]): TopProblemsDto['notice'] {
  const m = Number(month.slice(5));
  const title = `每月一题：${m}月居民反映最多的问题`;
  if (!items.length) return { title, body: `${m}月没有同一位置反复反映的问题。感谢大家的反映和监督，有问题请随时报事。` };
  const lines = items.map(
    (x, i) => `${i + 1}. **${x.place} ${x.category}**：${x.reports} 次反映${x.problems > 1 ? `，本月出现 ${x.problems} 次` : ''}，${x.open ? '社区正在处理' : '已处理完毕'}`,
  );
  return {
    title,
    body: [`${month.slice(0, 4)}年${m}月，以下问题被居民反复反映：`, '', ...lines, '', '社区把它们列为重点，逐一跟进到底，处理进展会继续公布。感谢大家的反映和监督。'].join('\n'),
  };
}
