// Security #12 medium 8 (searches): one account firing 20 expensive keyword searches at once gets 429 beyond its few slots, and others are still served.
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let colleague: string;
let resident: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  colleague = await s.loginStaff('zhangli', 'linli-demo');
  resident = (await s.loginResident('demo-resident')).token;
  // Enough text that a keyword nobody wrote has to scan for a while (a regex cannot use an index).
  const filler = '楼道灯不亮，电梯异响，水管漏水，绿化带垃圾，'.repeat(8);
  const docs = Array.from({ length: 3000 }, (_, i) => ({
    communityId: s.communityId,
    no: `BULK-${String(i).padStart(6, '0')}`,
    category: '其他',
    title: `批量工单 ${i}`,
    description: `${filler}${i}`,
    channel: 'desk',
    reporter: { name: '批量' },
    status: 'submitted',
    slaDueAt: new Date(Date.now() + 86_400_000),
    urgeCount: 0,
    timeline: [],
    createdAt: new Date(),
    updatedAt: new Date(),
  }));
  for (let i = 0; i < docs.length; i += 500) await s.app.conn.db!.collection('tickets').insertMany(docs.slice(i, i + 500));
}, 120_000);
afterAll(() => s.close());

it('20 parallel expensive searches from one account: those beyond the limit get 429, and another account still gets answers', async () => {
  const search = (token: string, q: string) => s.request('GET', `/api/tickets?q=${encodeURIComponent(q)}&limit=50`, { token });
  const flood = Array.from({ length: 20 }, (_, i) => search(admin, `没有人写过的词${i}`));
  // Another staff member and a resident search while the flood is in flight.
  const others = [search(colleague, '没有人写过的词'), search(resident, '漏水')];
  const results = await Promise.all(flood);
  const [colleagueResult, residentResult] = await Promise.all(others);
  const statuses = results.map((r) => r.status);
  // 503 = the database gave up on a scan after SEARCH_MAX_TIME_MS (a heavily loaded machine): bounded cost, also allowed.
  expect(statuses.every((c) => c === 200 || c === 429 || c === 503)).toBe(true);
  const refused = results.filter((r) => r.status === 429);
  expect(refused.length).toBeGreaterThanOrEqual(1);
  expect(refused[0]!.body.error.message).toMatch(/请求太多/);
  // Nobody else is refused because of one account's flood (their own scan may still time out under load: 503, never 429).
  for (const other of [colleagueResult, residentResult]) expect([200, 503]).toContain(other.status);
  // The slots come back: the same account searches again once its searches are done.
  expect([200, 503]).toContain((await search(admin, '批量工单 7')).status);
});

it('listing without a keyword is not limited this way', async () => {
  const results = await Promise.all(Array.from({ length: 6 }, () => s.request('GET', '/api/tickets?limit=5', { token: admin })));
  expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
});
