// A node alone on the embedded PostgreSQL delivers broadcasts without publishing them; once a second node listens, they cross again.
import { advisoryLocksOf } from '../db/write-lock';
import { nextEvent, startTestServer, uniqueDbName, type TestServer } from '../test-support/harness';
import { listeningNodes } from './cross-node';

jest.setTimeout(120_000);
let a: TestServer;
let b: TestServer | undefined;
const dbName = uniqueDbName('lone');

beforeAll(async () => {
  a = await startTestServer({ dbName });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const ticketBody = (description: string) => ({ category: '电梯', description, channel: 'desk', reporter: { name: '李建国' } });

/** The adapter's NOTIFYs sent through the pool while `fn` runs, as their payloads (socket.io-adapter's message type 3 is a broadcast). */
async function publishedDuring(server: TestServer, fn: () => Promise<void>): Promise<string[]> {
  const query = jest.spyOn(advisoryLocksOf(server.app.conn)!.pgPool, 'query'); // calls through to pg
  let calls: unknown[][] = [];
  try {
    await fn();
  } finally {
    calls = [...query.mock.calls]; // restoring clears them
    query.mockRestore();
  }
  const seen: string[] = [];
  for (const [text, values] of calls as [unknown, unknown[] | undefined][]) {
    if (typeof text === 'string' && text.includes('pg_notify')) seen.push(...(values ?? []).filter((_, i) => i % 2 === 1).map(String));
  }
  return seen;
}

it('alone, a ticket:created reaches the staff socket with no NOTIFY; with a second node listening it is published and heard there', async () => {
  if (!advisoryLocksOf(a.app.conn)) return; // the PostgreSQL adapter exists on the embedded engine only
  const token = await a.loginStaff();
  const sock = await a.socket(token);
  const create = async (description: string, heardOn = sock) => {
    const heard = nextEvent<{ id: string }>(heardOn, 'ticket:created', 10_000, (t: any) => t.description === description);
    const made = await a.request('POST', '/api/tickets', { token, body: ticketBody(description) });
    expect(made.status).toBe(201);
    expect((await heard).id).toBe(made.body.id);
  };
  // The node counts listeners once a second: it is alone within a few of them.
  let broadcasts: string[] = [];
  for (let i = 0, deadline = Date.now() + 10_000; Date.now() < deadline; i++) {
    broadcasts = (await publishedDuring(a, () => create(`单节点 ${i}`))).filter((p) => p.includes('"type":3'));
    if (!broadcasts.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(broadcasts).toEqual([]);
  expect(await listeningNodes(a.app.conn)).toBe(1);

  b = await startTestServer({ dbName, seed: false });
  const sockB = await b.socket(await b.loginStaff());
  const deadline = Date.now() + 10_000;
  while ((await listeningNodes(a.app.conn)) < 2) {
    if (Date.now() > deadline) throw new Error('the second node never listened');
    await new Promise((r) => setTimeout(r, 50));
  }
  const published = await publishedDuring(a, () => create('两节点', sockB));
  expect(published.filter((p) => p.includes('"type":3') && p.includes('两节点')).length).toBeGreaterThan(0);
});
