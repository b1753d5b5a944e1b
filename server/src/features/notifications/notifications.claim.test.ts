// Claiming a ledger row's attempt through PostgreSQL (the embedded engine) leaves exactly what mongoose's findOneAndUpdate leaves; a stale attempt count claims nothing.
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
