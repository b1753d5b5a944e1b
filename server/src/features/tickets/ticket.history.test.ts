// Finished tickets from before (and the demo's six months of them): stored as they happened, numbered in order, counted by 接诉即办 by month; a bad record stores nothing.
import { shanghaiDay } from '@linli/contracts';
import { seedDemo } from '../../seed/demo';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer({ seed: false });
  await seedDemo(s.app.services, s.communityId, s.app.log, { history: true });
  admin = await s.loginStaff();
}, 120_000);
afterAll(() => s.close());

const day = 86_400_000;

it('gives the demo six months of finished reports, numbered in the order they happened, before anything new', async () => {
  const items = await s.allPages('/api/tickets?limit=100&status=resolved', admin);
  expect(items.length).toBeGreaterThan(150);
  const created = items.map((t) => Date.parse(t.createdAt));
  expect(Math.min(...created)).toBeLessThan(Date.now() - 170 * day);
  expect(Math.max(...items.map((t) => Date.parse(t.resolvedAt)))).toBeLessThan(Date.now());
  // Oldest first by number: the list is newest first, so numbers fall as times fall.
  const byNo = [...items].sort((a, b) => a.no.localeCompare(b.no));
  for (let i = 1; i < byNo.length; i++) expect(Date.parse(byNo[i].createdAt)).toBeGreaterThanOrEqual(Date.parse(byNo[i - 1].createdAt));
  const fresh = await s.request('POST', '/api/tickets', { token: admin, body: { category: '其他', description: '今天的新报事', channel: 'desk', reporter: { name: '李建国' } } });
  expect(fresh.body.no > byNo[byNo.length - 1].no).toBe(true);
});

it('shows as trends in 接诉即办 by month: every month has reports, signing gets faster, most are rated', async () => {
  const to = shanghaiDay(new Date());
  const from = shanghaiDay(new Date(Date.now() - 182 * day));
  const r = await s.request('GET', `/api/stats/service?from=${from}&to=${to}&groupBy=month`, { token: admin });
  expect(r.status).toBe(200);
  const groups = (r.body.groups as any[]).filter((g) => g.total > 5);
  expect(groups.length).toBeGreaterThanOrEqual(6);
  const first = groups[0];
  const last = groups[groups.length - 1];
  expect(last.signedOnTime / last.counted).toBeGreaterThan(first.signedOnTime / first.counted);
  expect(r.body.overall.rated / r.body.overall.total).toBeGreaterThan(0.6);
});

it('refuses a record out of order and stores none of the batch', async () => {
  const before = (await s.request('GET', '/api/tickets?limit=1&status=resolved', { token: admin })).body.items[0].no;
  const at = new Date(Date.now() - 10 * day);
  const ok = { category: '水电' as const, description: '好的一条', channel: 'desk' as const, reporter: { name: '李建国' }, createdAt: at, signedAt: at, resolvedAt: at, handler: { id: 'x', name: '王刚' } };
  const bad = { ...ok, description: '办结早于签收', resolvedAt: new Date(at.getTime() - 60_000) };
  await expect(s.app.services.tickets.importHistory(s.communityId, [ok, bad])).rejects.toThrow('办结早于签收');
  expect((await s.request('GET', '/api/tickets?limit=1&status=resolved', { token: admin })).body.items[0].no).toBe(before);
});
