// Claiming a ledger row's attempt and settling an acknowledged alert's rows through PostgreSQL (the embedded engine) leave exactly what mongoose's findOneAndUpdate / updateMany leave; a stale attempt count claims nothing.
import type { Connection } from 'mongoose';
import { connectDb } from '../../db/connection';
import * as sqlUpdate from '../../db/sql-update';
import { advisoryLocksOf } from '../../db/write-lock';
import { testMongoUri, uniqueDbName } from '../../test-support/harness';
import { deliveryModel } from './notifications.model';
import { NotificationRepository } from './notifications.repository';

let conn: Connection;
beforeAll(async () => {
  conn = await connectDb(testMongoUri(uniqueDbName('claim')));
  await deliveryModel(conn).init();
});
afterAll(() => conn.close());

const row = (id: string, attempts: number) => ({
  _id: id,
  communityId: 'beimen',
  alertId: 'a1',
  level: 'grid',
  purpose: 'alert',
  channel: 'sms',
  recipient: { kind: 'contact', name: '王小明', relation: '儿子', phone: '13800000001' },
  params: ['王奶奶', 'SOS 求助', '3号楼'],
  alert: { type: 'sos', audience: 'personal', building: '3号楼' },
  status: attempts ? 'failed' : 'queued',
  attempts,
  history: [{ status: 'queued', at: new Date(Date.UTC(2026, 11, 1)) }],
  // Given, not stamped: the two rows of one create() were stamped a millisecond apart on a loaded machine.
  createdAt: new Date(Date.UTC(2026, 11, 1)),
});

it.each([0, 2])('attempt %i: the claimed row equals the one claimed through mongoose', async (attempts) => {
  const model = deliveryModel(conn);
  const repo = new NotificationRepository(conn);
  await model.create([row(`sql-${attempts}`, attempts), row(`mongoose-${attempts}`, attempts)]);
  const lease = new Date(Date.now() + 60_000);
  const spy = jest.spyOn(sqlUpdate, 'sqlUpdateById');
  const viaRepo = await repo.claim(`sql-${attempts}`, attempts, lease);
  // On the embedded engine the claim was written by PostgreSQL (undefined would mean it fell back to mongoose).
  expect(await spy.mock.results[0]!.value).toEqual(advisoryLocksOf(conn) ? viaRepo : undefined);
  spy.mockRestore();
  const viaMongoose = await model
    .findOneAndUpdate(
      { _id: `mongoose-${attempts}`, status: { $in: ['queued', 'failed'] }, attempts },
      {
        $set: { status: 'queued', nextAttemptAt: lease },
        $inc: { attempts: 1 },
        ...(attempts > 0 ? { $push: { history: { status: 'queued', at: viaRepo!.history.at(-1)!.at, note: `第 ${attempts + 1} 次尝试` } } } : {}),
      },
      { new: true },
    )
    .lean();
  const strip = (d: Record<string, unknown>) => ({ ...d, _id: undefined, updatedAt: undefined });
  expect(strip(viaRepo as unknown as Record<string, unknown>)).toEqual(strip(viaMongoose as unknown as Record<string, unknown>));
  expect(Object.keys(viaRepo!)).toEqual(Object.keys(viaMongoose!));
  expect(viaRepo!.attempts).toBe(attempts + 1);
  // The same attempt claimed again (another node, the same count seen): nothing.
  expect(await repo.claim(`sql-${attempts}`, attempts, lease)).toBeNull();
});

it('settling an alert leaves each of its rows as the two updateMany would, other alerts and purposes untouched, without a collection-wide write', async () => {
  const model = deliveryModel(conn);
  const repo = new NotificationRepository(conn);
  const retryAt = new Date(Date.UTC(2026, 11, 1, 1));
  const kinds: Record<string, Record<string, unknown>> = {
    queued: { status: 'queued' },
    retrying: { status: 'failed', attempts: 1, nextAttemptAt: retryAt },
    givenUp: { status: 'failed', attempts: 4, reason: '空号' },
    sent: { status: 'sent', attempts: 1, providerId: 'p-1' },
    delivered: { status: 'delivered', attempts: 1, providerId: 'p-2' },
    cancelled: { status: 'cancelled' },
    check: { status: 'queued', purpose: 'check' },
  };
  const rowsOf = (alertId: string, communityId = 'beimen') =>
    Object.entries(kinds).map(([k, extra]) => ({ ...row(`${alertId}-${k}`, 0), alertId, communityId, ...extra }));
  await model.create([...rowsOf('settle-sql'), ...rowsOf('settle-mongoose'), ...rowsOf('settle-sql', 'nanmen').map((r) => ({ ...r, _id: `nanmen-${r._id}` }))]);

  const start = new Date();
  const many = jest.spyOn(model, 'updateMany');
  await repo.settle('beimen', 'settle-sql', '张网格员已确认');
  // On the embedded engine every row went by its _id (no collection lock); elsewhere the driver's updateMany did it.
  expect(many).toHaveBeenCalledTimes(advisoryLocksOf(conn) ? 0 : 2);
  many.mockRestore();
  const base = { communityId: 'beimen', alertId: 'settle-mongoose', purpose: 'alert' };
  await model.updateMany(
    { ...base, $or: [{ status: 'queued' }, { status: 'failed', nextAttemptAt: { $exists: true } }] },
    { $set: { status: 'cancelled' }, $unset: { nextAttemptAt: 1 }, $push: { history: { status: 'cancelled', at: new Date(), note: '张网格员已确认' } } },
  );
  await model.updateMany({ ...base, status: { $in: ['sent', 'delivered'] } }, { $set: { status: 'acknowledged' }, $push: { history: { status: 'acknowledged', at: new Date(), note: '张网格员已确认' } } });

  // Each row by its kind; moments written by either settling read 'now' (the two ran a few milliseconds apart).
  const when = (d: Date) => (d >= start ? 'now' : d);
  const read = async (alertId: string, communityId = 'beimen') =>
    Object.fromEntries(
      (await model.find({ communityId, alertId }).lean()).map((d) => [
        String(d._id).replace(/^(nanmen-)?[^-]+-[^-]+-/, ''),
        { ...d, _id: undefined, alertId: undefined, updatedAt: when(d.updatedAt!), history: d.history.map((h) => ({ ...h, at: when(h.at) })) },
      ]),
    );
  const viaRepo = await read('settle-sql');
  expect(viaRepo).toEqual(await read('settle-mongoose'));
  expect(Object.fromEntries(Object.entries(viaRepo).map(([k, d]) => [k, [d.status, d.updatedAt === 'now']]))).toEqual({
    queued: ['cancelled', true],
    retrying: ['cancelled', true],
    givenUp: ['failed', false],
    sent: ['acknowledged', true],
    delivered: ['acknowledged', true],
    cancelled: ['cancelled', false],
    check: ['queued', false],
  });
  expect(viaRepo.retrying!.nextAttemptAt).toBeUndefined();
  expect(viaRepo.sent!.history.at(-1)).toEqual({ status: 'acknowledged', at: 'now', note: '张网格员已确认' });
  // The same alert id in another community: untouched.
  expect(Object.values(await read('settle-sql', 'nanmen')).every((d) => d.updatedAt !== 'now')).toBe(true);
});
