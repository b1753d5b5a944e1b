// The service-clock migration on tickets filed before it existed: 签收 deadlines and signing times filled in, an open ticket's future ladder steps armed (and run), steps already past recorded without a burst of messages; once.
import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../../test-support/harness';
import { SERVICE_CLOCK_MIGRATION_ID } from './ticket.backfill';

jest.setTimeout(60_000);

// 1 hour of service time = 36 s: 电梯 signs within 15 min → 9 s, its 催办 at 80 % → 7.2 s after filing.
const SCALE = '0.01';
let s: TestServer;
afterAll(async () => {
  await s?.close();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('legacy tickets get their 签收 deadline at the next start; only steps still ahead are armed and then happen', async () => {
  s = await startTestServer({ env: { SERVICE_CLOCK_SCALE: SCALE } });
  const db = s.app.conn.db!;
  const now = Date.now();
  const legacy = (no: string, status: string, createdAt: Date, timeline: object[] = []) => ({
    _id: new Types.ObjectId(), communityId: 'beimen', no, category: '电梯', title: `${no}电梯故障`, description: '电梯故障', attachments: [],
    channel: 'desk', reporter: { name: '老住户' }, status, slaDueAt: new Date(createdAt.getTime() + 4 * 36_000), urgeCount: 0,
    timeline: [{ kind: 'created', at: createdAt, actor: { kind: 'staff', name: '管理员' }, to: 'submitted' }, ...timeline], createdAt, updatedAt: createdAt,
  });
  const fresh = legacy('OLD-000001', 'submitted', new Date(now));
  const old = legacy('OLD-000002', 'submitted', new Date(now - 2 * 86_400_000));
  const acceptedAt = new Date(now - 60_000);
  const signed = legacy('OLD-000003', 'accepted', new Date(now - 120_000), [{ kind: 'accepted', at: acceptedAt, actor: { kind: 'staff', name: '管理员' }, from: 'submitted', to: 'accepted' }]);
  const done = legacy('OLD-000004', 'closed', new Date(now - 86_400_000));
  await db.collection('tickets').insertMany([fresh, old, signed, done]);
  // As on a database from before this release: the migration has not run.
  await db.collection('migrations').deleteOne({ _id: SERVICE_CLOCK_MIGRATION_ID } as never);

  s = await s.restart();
  const admin = await s.loginStaff();
  const get = async (t: { _id: Types.ObjectId }) => (await s.request('GET', `/api/tickets/${t._id}`, { token: admin })).body;
  expect(await s.app.conn.db!.collection('migrations').findOne({ _id: SERVICE_CLOCK_MIGRATION_ID } as never)).toMatchObject({ state: 'done' });

  const f = await get(fresh);
  expect(new Date(f.signDueAt).getTime() - now).toBe(9_000);
  expect(f.signedAt).toBeUndefined();
  const sg = await get(signed);
  expect(sg.signedAt).toBe(acceptedAt.toISOString());
  expect((await get(done)).signDueAt).toBeDefined();
  const timers = s.app.conn.db!.collection('timers');
  expect(await timers.countDocuments({ _id: `ticket-ladder:${fresh._id}`, status: 'pending' } as never)).toBe(1);
  // Two days old: every step is past — recorded, nothing armed, nothing on its timeline.
  expect(await timers.countDocuments({ _id: `ticket-ladder:${old._id}` } as never)).toBe(0);
  const o = await get(old);
  expect(o.timeline.filter((e: any) => ['reminded', 'supervised', 'street'].includes(e.kind))).toHaveLength(0);

  // The armed ladder runs: 催办 before the 签收 deadline of the fresh one.
  const until = Date.now() + 15_000;
  let t = await get(fresh);
  while (!t.timeline.some((e: any) => e.kind === 'reminded') && Date.now() < until) {
    await sleep(300);
    t = await get(fresh);
  }
  expect(t.timeline.filter((e: any) => e.kind === 'reminded')).toHaveLength(1);
  expect(t.timeline.find((e: any) => e.kind === 'reminded').note).toMatch(/^催办：请在 .* 前签收（值班人员）$/);
});
