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

describe('the ladder timer written beside the ticket', () => {
  const pendingLadders = async () => {
    const { MongoClient } = await import('mongodb');
    const c = await MongoClient.connect(s.mongoUri);
    try {
      return await c.db().collection('timers').find({ kind: 'ticket.ladder', status: 'pending' }).project({ _id: 1, fireAt: 1 }).toArray();
    } finally {
      await c.close();
    }
  };

  it('a filed ticket has its ladder timer', async () => {
    const r = await s.request('POST', '/api/tickets', { token: alice, body: { category: '水电', description: '楼道灯不亮了', channel: 'app' } });
    expect(r.status).toBe(201);
    expect((await pendingLadders()).map((t) => t._id)).toContain(`ticket-ladder:${r.body.id}`);
  });

  it('a ticket whose insert failed leaves no pending ladder timer behind', async () => {
    const { TicketRepository } = await import('./ticket.repository');
    const before = (await pendingLadders()).length;
    const insert = jest.spyOn(TicketRepository.prototype, 'insert').mockRejectedValueOnce(new Error('database unavailable'));
    const r = await s.request('POST', '/api/tickets', { token: alice, body: { category: '水电', description: '单元门坏了', channel: 'app' } });
    insert.mockRestore();
    expect(r.status).toBe(500);
    expect(await pendingLadders()).toHaveLength(before);
  });
});
