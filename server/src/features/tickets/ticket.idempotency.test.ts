// Security #12 low 12: an Idempotency-Key belongs to its caller; another resident replaying it gets a ticket of their own, never the first one.
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let alice: string;
let bob: string;
afterAll(() => s.close());
beforeAll(async () => {
  s = await startTestServer();
  alice = (await s.loginResident('demo-resident')).token;
  bob = (await s.loginResident('demo-zhaozhiqiang')).token;
});

it('a replayed Idempotency-Key from another resident creates a new ticket and never returns the first one', async () => {
  const key = 'shared-key-0001-replay';
  const first = await s.request('POST', '/api/tickets', {
    token: alice,
    body: { category: '水电', description: '厨房水管漏水，屋里有老人', channel: 'app' },
    headers: { 'Idempotency-Key': key },
  });
  expect(first.status).toBe(201);
  // Bob replays Alice's key (seen in a log, a shared device, or guessed).
  const replay = await s.request('POST', '/api/tickets', {
    token: bob,
    body: { category: '其他', description: '随便写点什么', channel: 'app' },
    headers: { 'Idempotency-Key': key },
  });
  expect(replay.status).toBe(201);
  expect(replay.body.id).not.toBe(first.body.id);
  expect(replay.body.description).toBe('随便写点什么');
  expect(JSON.stringify(replay.body)).not.toContain('厨房水管漏水');
  // Alice's own retry still gets her ticket back (the key keeps working for its owner).
  const retry = await s.request('POST', '/api/tickets', {
    token: alice,
    body: { category: '水电', description: '厨房水管漏水，屋里有老人', channel: 'app' },
    headers: { 'Idempotency-Key': key },
  });
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  // And Bob's replay left Alice's ticket as it was.
  const mine = await s.request('GET', `/api/tickets/${first.body.id}`, { token: alice });
  expect(mine.body.description).toBe('厨房水管漏水，屋里有老人');
  expect((await s.request('GET', `/api/tickets/${first.body.id}`, { token: bob })).status).toBe(404);
});
