// Security #12 medium 8 (registry search): one account firing 20 keyword searches at once gets 429 beyond its few slots; others are still served.
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let colleague: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  colleague = await s.loginStaff('zhangli', 'linli-demo');
  // A registry big enough that a name nobody has must be scanned for (a regex cannot use an index).
  const docs = Array.from({ length: 3000 }, (_, i) => ({
    communityId: s.communityId,
    name: `批量居民${i}`,
    birthYear: 1950,
    building: String((i % 9) + 1),
    unit: '1',
    room: String(100 + (i % 50)),
    tags: [],
    wechatName: `微信${i}`,
    verified: true,
    createdAt: new Date(),
    updatedAt: new Date(),
  }));
  for (let i = 0; i < docs.length; i += 500) await s.app.conn.db!.collection('residents').insertMany(docs.slice(i, i + 500));
}, 120_000);
afterAll(() => s.close());

it('20 parallel registry searches from one account: those beyond the limit get 429, another account still gets answers', async () => {
  const search = (token: string, q: string) => s.request('GET', `/api/residents?q=${encodeURIComponent(q)}&limit=50`, { token });
  const flood = Array.from({ length: 20 }, (_, i) => search(admin, `没有这个人${i}`));
  const other = search(colleague, '批量居民7');
  const results = await Promise.all(flood);
  const statuses = results.map((r) => r.status);
  // 503 = the database gave up on a scan after SEARCH_MAX_TIME_MS (a heavily loaded machine): bounded cost, also allowed.
  expect(statuses.every((c) => c === 200 || c === 429 || c === 503)).toBe(true);
  const refused = results.filter((r) => r.status === 429);
  expect(refused.length).toBeGreaterThanOrEqual(1);
  expect(refused[0]!.body.error.message).toMatch(/请求太多/);
  // Nobody else is refused because of one account's flood (their own scan may still time out under load: 503, never 429).
  const colleagueResult = await other;
  expect([200, 503]).toContain(colleagueResult.status);
  if (colleagueResult.status === 200) expect(colleagueResult.body.items.length).toBeGreaterThan(0);
  // Slots come back once the searches are done; browsing without a keyword is never limited this way.
  expect([200, 503]).toContain((await search(admin, '批量居民12')).status);
  const browse = await Promise.all(Array.from({ length: 6 }, () => s.request('GET', '/api/residents?limit=5', { token: admin })));
  expect(browse.map((r) => r.status)).toEqual(Array(6).fill(200));
});
