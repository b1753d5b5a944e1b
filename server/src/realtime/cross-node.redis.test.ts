// Two server nodes whose events cross through Redis (REDIS_URL: how a district on MongoDB runs several nodes), against Debian's redis-server on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { freePort } from '../db/embedded';
import { nextEvent, startTestServer, uniqueDbName, type TestServer } from '../test-support/harness';
import { listeningNodes } from './cross-node';
import { REFUSED_AFTER_REVOCATION, revokeAcrossNodes } from '../test-support/revocation';

jest.setTimeout(120_000);
let redis: ChildProcess;
let url: string;
let a: TestServer;
let b: TestServer;

async function until(what: string, ok: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  const port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = createClient({ url });
  probe.on('error', () => undefined);
  await until('redis', async () => probe.connect().then(() => true, () => false));
  const dbName = uniqueDbName('redis-nodes');
  a = await startTestServer({ dbName, env: { REDIS_URL: url } });
  b = await startTestServer({ dbName, seed: false, env: { REDIS_URL: url } });
  // Each node's adapter subscribes to the deployment's channel pattern: wait until both have.
  // (NUMPAT counts distinct patterns, not subscribers: count the connections holding a pattern subscription instead.)
  await until('both nodes subscribed', async () => String(await probe.sendCommand(['CLIENT', 'LIST'])).split('\n').filter((l) => / psub=[1-9]/.test(l)).length >= 2);
  await probe.quit();
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  redis?.kill();
});

it('carries ticket:created from each node to a staff socket on the other, through Redis and not PostgreSQL', async () => {
  expect(await listeningNodes(a.app.conn)).toBe(0); // with REDIS_URL no node LISTENs on the database
  const [tokenA, tokenB] = [await a.loginStaff(), await b.loginStaff()];
  const [sockA, sockB] = [await a.socket(tokenA), await b.socket(tokenB)];
  const body = (description: string) => ({ category: '电梯', description, channel: 'desk', reporter: { name: '李建国' } });
  const heardOnA = nextEvent<{ id: string }>(sockA, 'ticket:created', 10_000, (t: any) => t.description === '经 Redis 从二号节点');
  const made = await b.request('POST', '/api/tickets', { token: tokenB, body: body('经 Redis 从二号节点') });
  expect((await heardOnA).id).toBe(made.body.id);
  const heardOnB = nextEvent<{ id: string }>(sockB, 'ticket:created', 10_000, (t: any) => t.description === '经 Redis 从一号节点');
  const made2 = await a.request('POST', '/api/tickets', { token: tokenA, body: body('经 Redis 从一号节点') });
  expect((await heardOnB).id).toBe(made2.body.id);
});

it('refuses a REDIS_URL that is not redis:// at start', async () => {
  await expect(startTestServer({ seed: false, env: { REDIS_URL: 'http://127.0.0.1:6379' } })).rejects.toThrow(/REDIS_URL/);
});

it('a staff token revoked on one node is refused by the other as soon as the revoking request returns (the drop crosses through Redis)', async () => {
  expect(await revokeAcrossNodes(a, b)).toEqual(REFUSED_AFTER_REVOCATION);
});
