// KPI exactness: every figure of GET /api/stats/service (and its .xlsx) against an independent computation from the raw tickets the API lists.
import ExcelJS from 'exceljs';
import { addDays, shanghaiDay, shanghaiMonth } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
afterAll(() => s.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The definitions, written again from the contract's words, over ticket DTOs. */
function expected(tickets: any[]) {
  const rate = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 10_000 : null);
  const dup = tickets.filter((t) => t.duplicateOf);
  const counted = tickets.filter((t) => !t.duplicateOf && t.status !== 'cancelled');
  const signed = counted.filter((t) => t.signedAt && t.signDueAt && Date.parse(t.signedAt) <= Date.parse(t.signDueAt));
  const finished = counted.filter((t) => ['resolved', 'closed'].includes(t.status) && t.resolvedAt && Date.parse(t.resolvedAt) <= Date.parse(t.slaDueAt));
  const rated = tickets.filter((t) => t.rating);
  const satisfied = rated.filter((t) => t.rating.score >= 4);
  return {
    total: tickets.length,
    duplicates: dup.length,
    counted: counted.length,
    signedOnTime: signed.length,
    finishedOnTime: finished.length,
    rated: rated.length,
    satisfied: satisfied.length,
    rates: {
      signedOnTime: rate(signed.length, counted.length),
      finishedOnTime: rate(finished.length, counted.length),
      satisfied: rate(satisfied.length, rated.length),
      duplicates: rate(dup.length, tickets.length),
    },
  };
}

async function allTickets(token: string): Promise<any[]> {
  const out: any[] = [];
  let cursor = '';
  for (;;) {
    const r = await s.request('GET', `/api/tickets?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    out.push(...r.body.items);
    if (!r.body.nextCursor) return out;
    cursor = r.body.nextCursor;
  }
}

beforeAll(async () => {
  // 1 h = 3.6 s: 电梯 签收 0.9 s; 办结 set to 0.5 h = 1.8 s.
  s = await startTestServer({ env: { SERVICE_CLOCK_SCALE: '0.001' } });
  admin = await s.loginStaff();
  await s.request('PATCH', '/api/community/sla', { token: admin, body: { 电梯: 0.5 } });
  const who = async (id: string) => (await s.loginResident(`kpi-${id}`, `居民${id}`)).token;
  const [a, b, c, d, e, f] = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map(who));
  const report = async (token: string, building: string, unit: string, description: string, category = '电梯') =>
    (await s.request('POST', '/api/tickets', { token, body: { category, description, channel: 'app', location: { building, unit } } })).body;
  const move = (id: string, action: string) => s.request('POST', `/api/tickets/${id}/transition`, { token: admin, body: { action } });

  const quick = await report(a!, '1号楼', '1单元', '1号楼电梯坏了'); // signed and finished in time, rated 5
  const follower = await report(d!, '1号楼', '1单元', '电梯坏了'); // linked to quick; rated 3 by its reporter
  const slow = await report(b!, '2号楼', '1单元', '2号楼电梯坏了'); // signed late, finished late
  const dropped = await report(c!, '3号楼', '1单元', '3号楼电梯坏了'); // cancelled by its reporter
  const open = await report(e!, '2号楼', '2单元', '水管漏水', '水电'); // still open
  const fine = await report(f!, '3号楼', '2单元', '3号楼2单元电梯坏了'); // in time, rated 2
  expect(follower.duplicateOf?.id).toBe(quick.id);
  for (const t of [quick, fine]) for (const action of ['accept', 'start', 'resolve']) expect((await move(t.id, action)).status).toBe(200);
  expect((await s.request('POST', `/api/tickets/${dropped.id}/transition`, { token: c, body: { action: 'cancel' } })).status).toBe(200);
  await move(open.id, 'accept');
  await sleep(1200); // past slow's 签收 deadline
  await move(slow.id, 'accept');
  await move(slow.id, 'start');
  await sleep(900); // past its 办结 deadline
  await move(slow.id, 'resolve');
  // The follower was resolved with its primary; both rate.
  const until = Date.now() + 5000;
  while ((await s.request('GET', `/api/tickets/${follower.id}`, { token: d })).body.status !== 'resolved' && Date.now() < until) await sleep(100);
  expect((await s.request('POST', `/api/tickets/${quick.id}/rating`, { token: a, body: { score: 5 } })).status).toBe(200);
  expect((await s.request('POST', `/api/tickets/${follower.id}/rating`, { token: d, body: { score: 3 } })).status).toBe(200);
  expect((await s.request('POST', `/api/tickets/${fine.id}/rating`, { token: f, body: { score: 2 } })).status).toBe(200);
});

it('matches an independent computation from the raw tickets, overall and in every group', async () => {
  const today = shanghaiDay();
  const tickets = (await allTickets(admin)).filter((t) => shanghaiDay(t.createdAt) === today);
  const want = expected(tickets);
  // The scenario really has each case (so the comparison can fail in each figure).
  expect(want.duplicates).toBeGreaterThanOrEqual(1);
  expect(want.counted - want.signedOnTime).toBeGreaterThanOrEqual(1);
  expect(want.counted - want.finishedOnTime).toBeGreaterThanOrEqual(2);
  expect(want.rated - want.satisfied).toBeGreaterThanOrEqual(2);

  const r = await s.request('GET', `/api/stats/service?from=${today}&to=${today}`, { token: admin });
  expect(r.status).toBe(200);
  expect(r.body.overall).toEqual(want);

  for (const groupBy of ['category', 'month', 'building', 'assignee'] as const) {
    const g = await s.request('GET', `/api/stats/service?from=${today}&to=${today}&groupBy=${groupBy}`, { token: admin });
    expect(g.body.overall).toEqual(want);
    const keyOf = (t: any) =>
      groupBy === 'category' ? t.category : groupBy === 'month' ? shanghaiMonth(t.createdAt) : groupBy === 'building' ? (t.location?.building ?? '') : (t.assigneeId ?? '');
    const keys = [...new Set(tickets.map(keyOf))].sort();
    expect(g.body.groups.map((x: any) => x.key).sort()).toEqual(keys);
    for (const group of g.body.groups) {
      const { key, label, ...figures } = group;
      expect({ groupBy, key, figures }).toEqual({ groupBy, key, figures: expected(tickets.filter((t) => keyOf(t) === key)) });
      expect(label).toBeTruthy();
    }
  }
});

it('counts only the days asked for, only the buildings a grid worker covers, and refuses bad ranges in Chinese', async () => {
  const today = shanghaiDay();
  const yesterday = addDays(today, -1);
  const none = await s.request('GET', `/api/stats/service?from=${yesterday}&to=${yesterday}`, { token: admin });
  expect(none.body.overall).toEqual(expected([]));
  expect(none.body.overall.rates).toEqual({ signedOnTime: null, finishedOnTime: null, satisfied: null, duplicates: null });

  const grid = await s.loginStaff('wanggang'); // 1–3号楼
  const theirs = (await allTickets(grid)).filter((t) => shanghaiDay(t.createdAt) === today);
  expect(theirs.every((t) => ['1号楼', '2号楼', '3号楼'].includes(t.location?.building))).toBe(true);
  const scoped = await s.request('GET', `/api/stats/service?from=${today}&to=${today}`, { token: grid });
  expect(scoped.body.overall).toEqual(expected(theirs));

  const bad = await s.request('GET', `/api/stats/service?from=${today}&to=${yesterday}`, { token: admin });
  expect(bad.status).toBe(422);
  expect(JSON.stringify(bad.body.error)).toContain('开始日期不能晚于结束日期');
  expect((await s.request('GET', '/api/stats/service?from=2025-01-01&to=2026-06-01', { token: admin })).status).toBe(422);
  expect((await s.request('GET', '/api/stats/service?from=2026-02-30&to=2026-03-01', { token: admin })).status).toBe(422);
  const resident = (await s.loginResident('kpi-a')).token;
  expect((await s.request('GET', `/api/stats/service?from=${today}&to=${today}`, { token: resident })).status).toBe(403);
});

it('exports the same figures as an .xlsx workbook', async () => {
  const today = shanghaiDay();
  const json = (await s.request('GET', `/api/stats/service?from=${today}&to=${today}&groupBy=category`, { token: admin })).body;
  const res = await fetch(`${s.url}/api/stats/service.xlsx?from=${today}&to=${today}&groupBy=category`, { headers: { authorization: `Bearer ${admin}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
  const ws = wb.getWorksheet('接诉即办')!;
  const rows: any[][] = [];
  ws.eachRow((row) => rows.push((row.values as any[]).slice(1)));
  expect(rows[1]).toEqual(['分组', '报事总数', '重复报修', '计入考核', '按时签收', '按时办结', '已评价', '满意', '响应率', '办结率', '满意率', '重复报修率']);
  const line = (label: string, c: any) => [label, c.total, c.duplicates, c.counted, c.signedOnTime, c.finishedOnTime, c.rated, c.satisfied, c.rates.signedOnTime, c.rates.finishedOnTime, c.rates.satisfied, c.rates.duplicates].map((v) => v ?? undefined);
  const body = rows.slice(2).map((r) => Array.from({ length: 12 }, (_, i) => r[i] ?? undefined));
  expect(body).toEqual([...json.groups.map((g: any) => line(g.label, g)), line('合计', json.overall)]);
});
