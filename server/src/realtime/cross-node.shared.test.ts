// Two server nodes on one database share what used to be per process: the login throttle and other rate limits count attempts made on either node, and an FAQ edit on one node answers the other node's next question.
import { startTestServer, uniqueDbName, type TestServer } from '../test-support/harness';

jest.setTimeout(120_000);
let a: TestServer;
let b: TestServer;
let staffA: string;
let staffB: string;

beforeAll(async () => {
  const dbName = uniqueDbName('shared');
  a = await startTestServer({ dbName });
  b = await startTestServer({ dbName, seed: false });
  // Signed in before the login-throttle test uses up this client's failures.
  [staffA, staffB] = [await a.loginStaff(), await b.loginStaff()];
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const login = (s: TestServer, username: string, password: string) => s.request('POST', '/api/auth/staff/login', { body: { username, password } });

it('wrong passwords from one client alternating between nodes are refused after exactly 20, on both nodes', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) statuses.push((await login(i % 2 ? b : a, `ghost${i}`, 'wrong-password')).status);
  expect(statuses).toEqual(Array(20).fill(401));
  // Per process each node would have seen 10 and let this through.
  const refusedA = await login(a, 'admin', 'linli-demo');
  const refusedB = await login(b, 'admin', 'linli-demo');
  expect([refusedA.status, refusedB.status]).toEqual([429, 429]);
  expect(refusedB.body.error.message).toContain('登录失败次数过多');
});

it('a resident creating tickets on both nodes is limited to 20 an hour in all', async () => {
  const { token } = await a.loginResident('two-node-limit', '限流居民');
  const body = (i: number) => ({ category: '其他', description: `两节点限流 ${i}`, channel: 'app' });
  const statuses: number[] = [];
  for (let i = 0; i < 22; i++) statuses.push((await (i % 2 ? b : a).request('POST', '/api/tickets', { token, body: body(i) })).status);
  expect(statuses.slice(0, 20)).toEqual(Array(20).fill(201));
  expect(statuses.slice(20)).toEqual([429, 429]);
});

it('an FAQ rule added, edited and removed on one node answers questions on the other at once', async () => {
  const { token: resident } = await b.loginResident('two-node-faq', '问答居民');
  const ask = (s: TestServer, text: string) => s.request('POST', '/api/faq/match', { token: resident, body: { text } });
  // Node B compiles the community's rules first: it holds them when node A changes them.
  expect((await ask(b, '自行车棚几点关门')).body.match).toBeNull();
  const made = await a.request('POST', '/api/faq/rules', { token: staffA, body: { keywords: ['自行车棚'], answer: '车棚晚上十点关门。' } });
  expect(made.status).toBe(201);
  expect((await ask(b, '自行车棚几点关门')).body.match?.answer).toBe('车棚晚上十点关门。');
  const edited = await a.request('PATCH', `/api/faq/rules/${made.body.id}`, { token: staffA, body: { answer: '车棚晚上十一点关门。' } });
  expect(edited.status).toBe(200);
  expect((await ask(b, '自行车棚几点关门')).body.match?.answer).toBe('车棚晚上十一点关门。');
  // And the other way: removed on B, node A (which compiled the rules on its own questions) stops answering.
  expect((await ask(a, '自行车棚几点关门')).body.match?.answer).toBe('车棚晚上十一点关门。');
  expect((await b.request('DELETE', `/api/faq/rules/${made.body.id}`, { token: staffB })).status).toBe(204);
  expect((await ask(a, '自行车棚几点关门')).body.match).toBeNull();
});
