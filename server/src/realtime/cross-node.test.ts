// Two server nodes on one embedded database (FerretDB over PostgreSQL): a socket on one node hears what the other emits, 20 transitions split across nodes have one winner, 40 comments split across nodes are all kept.
import { nextEvent, startTestServer, uniqueDbName, type TestServer } from '../test-support/harness';
import { advisoryLocksOf } from '../db/write-lock';
import { listeningNodes } from './cross-node';
import { REFUSED_AFTER_REVOCATION, revokeAcrossNodes } from '../test-support/revocation';

jest.setTimeout(120_000);
let a: TestServer;
let b: TestServer;
let onPostgres = false;

beforeAll(async () => {
  const dbName = uniqueDbName('nodes');
  a = await startTestServer({ dbName });
  b = await startTestServer({ dbName, seed: false });
  onPostgres = !!advisoryLocksOf(a.app.conn);
  // Each node's adapter LISTENs on its own session, opened just after start: wait until both do.
  const deadline = Date.now() + 10_000;
  while (onPostgres && (await listeningNodes(a.app.conn)) < 2) {
    if (Date.now() > deadline) throw new Error('the two nodes never both listened');
    await new Promise((r) => setTimeout(r, 50));
  }
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const ticketBody = (description: string) => ({ category: '电梯', description, channel: 'desk', reporter: { name: '李建国' } });

it('a staff socket on one node hears ticket:created emitted by the other, both ways', async () => {
  if (!onPostgres) return; // the adapter exists on the embedded PostgreSQL engine only
  const [tokenA, tokenB] = [await a.loginStaff(), await b.loginStaff()];
  const [sockA, sockB] = [await a.socket(tokenA), await b.socket(tokenB)];
  const heardOnA = nextEvent<{ id: string }>(sockA, 'ticket:created', 10_000, (t: any) => t.description === '二号节点上报');
  const made = await b.request('POST', '/api/tickets', { token: tokenB, body: ticketBody('二号节点上报') });
  expect(made.status).toBe(201);
  expect((await heardOnA).id).toBe(made.body.id);
  const heardOnB = nextEvent<{ id: string }>(sockB, 'ticket:created', 10_000, (t: any) => t.description === '一号节点上报');
  const made2 = await a.request('POST', '/api/tickets', { token: tokenA, body: ticketBody('一号节点上报') });
  expect((await heardOnB).id).toBe(made2.body.id);
});

it('20 parallel accepts split across the two nodes have exactly one winner', async () => {
  if (!onPostgres) return;
  const [tokenA, tokenB] = [await a.loginStaff(), await b.loginStaff()];
  const t = await a.request('POST', '/api/tickets', { token: tokenA, body: ticketBody('并发签收') });
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).request('POST', `/api/tickets/${t.body.id}/transition`, { token: i % 2 ? tokenB : tokenA, body: { action: 'accept' } })),
  );
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(19);
});

it('40 parallel comments split across the two nodes are all kept', async () => {
  if (!onPostgres) return;
  const [tokenA, tokenB] = [await a.loginStaff(), await b.loginStaff()];
  const t = await a.request('POST', '/api/tickets', { token: tokenA, body: ticketBody('并发留言') });
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) => (i % 2 ? b : a).request('POST', `/api/tickets/${t.body.id}/comments`, { token: i % 2 ? tokenB : tokenA, body: { body: `留言 ${i}` } })),
  );
  expect(results.every((r) => r.status === 201)).toBe(true);
  const after = await b.request('GET', `/api/tickets/${t.body.id}`, { token: tokenB });
  const bodies = (after.body.timeline as { note?: string; body?: string }[]).map((e) => e.note ?? e.body).filter((x) => x?.startsWith('留言 '));
  expect(new Set(bodies).size).toBe(40);
});

it('a staff token revoked on one node is refused by the other as soon as the revoking request returns, though it had cached the token as valid', async () => {
  if (!onPostgres) return;
  expect(await revokeAcrossNodes(a, b)).toEqual(REFUSED_AFTER_REVOCATION);
  expect(await revokeAcrossNodes(b, a)).toEqual(REFUSED_AFTER_REVOCATION);
});
