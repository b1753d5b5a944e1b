// Updates by _id written by PostgreSQL give exactly what FerretDB gives for the same update (FerretDB is the oracle): the answer, the stored row; shapes with MongoDB-only rules are left alone; interleaved with FerretDB's own locked updates nothing is lost.
import mongoose, { Types, type Connection } from 'mongoose';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { connectDb } from './connection';
import { tableOf } from './gin-indexes';
import { sqlUpdateById, type ByIdUpdate } from './sql-update';
import { advisoryLocksOf, lockedWrite } from './write-lock';

jest.setTimeout(60_000);
let conn: Connection;
const onPostgres = () => !!advisoryLocksOf(conn);
const [A, B] = ['upd_driver', 'upd_sql'];

beforeAll(async () => {
  conn = await connectDb(testMongoUri(uniqueDbName('sqlupd')));
});
afterAll(() => conn.close());

const col = (name: string) => conn.db!.collection(name);
const t0 = new Date(Date.UTC(2026, 10, 30, 8));

/** The same document in both collections (through the driver, so FerretDB wrote both rows). */
async function twin(extra: Record<string, unknown> = {}) {
  const doc = {
    _id: new Types.ObjectId(),
    communityId: 'beimen',
    type: 'sos',
    status: 'raised',
    count: 1,
    big: 2147483646,
    ratio: 0.1,
    label: 'x',
    lastSeenAt: t0,
    data: { value: 150, nested: { at: t0, list: [1, 'two', null] } },
    history: [{ kind: 'raised', at: t0 }],
    tags: ['a', 'b'],
    more: ['y'],
    refs: [new Types.ObjectId('6b0f02ecaa518024c6c2c736'), 'z'],
    updatedAt: t0,
    ...extra,
  };
  await col(A).insertOne({ ...doc });
  await col(B).insertOne({ ...doc });
  return doc._id;
}

async function sameRows(id: Types.ObjectId) {
  const locks = advisoryLocksOf(conn)!;
  const [ta, tb] = [await tableOf(conn, A), await tableOf(conn, B)];
  const r = await locks.query<{ same: boolean }>(
    `SELECT a._jsonb = b._jsonb AS same FROM "${conn.name}"."${ta}" a, "${conn.name}"."${tb}" b WHERE a._jsonb->'_id' = $1::jsonb AND b._jsonb->'_id' = $1::jsonb`,
    [JSON.stringify(id.toHexString())],
  );
  expect(r.rows).toEqual([{ same: true }]);
}

const cases: [string, ByIdUpdate, 'before' | 'after'][] = [
  ['the dedupe bump: $inc, $max of a later date, $set of an object and a date', { $inc: { count: 3 }, $max: { lastSeenAt: new Date(t0.getTime() + 60_000) }, $set: { data: { value: 160, note: '心率偏高', deep: { ok: true } }, updatedAt: new Date(t0.getTime() + 1) } }, 'before'],
  ['$max of an earlier date keeps the stored one', { $max: { lastSeenAt: new Date(t0.getTime() - 60_000) }, $set: { status: 'acknowledged' } }, 'after'],
  ['new fields are appended as FerretDB appends them', { $inc: { repeats: 2 }, $set: { ackedBy: { id: 's1', name: '王刚' }, ackAt: t0 }, $max: { firstAckAt: t0 } }, 'after'],
  ['new fields across operators: the order is by name, not by operator', { $inc: { alpha: 1 }, $set: { zeta: 1, mid: 'm' } }, 'after'],
  ['int32 sums that fit stay int32; an int plus a double becomes a double', { $inc: { big: 1, count: 0.5 } }, 'after'],
  ['doubles add as IEEE doubles', { $inc: { ratio: 0.2 } }, 'after'],
  ['$set changes a type and sets null and arrays', { $set: { label: 7, status: null, history: [{ kind: 'closed', at: t0 }] } }, 'after'],
  ['a transition: $set of the status, $push of a history entry', { $set: { status: 'acknowledged', updatedAt: t0 }, $push: { history: { kind: 'ack', at: t0, by: { id: 's1', name: '王刚' } } } }, 'after'],
  ['$push onto a missing array creates it', { $push: { notes: 'first' }, $inc: { count: 1 } }, 'before'],
  ['the delivery ledger\'s sent: $set, $unset of a present and a missing field, $addToSet onto a missing array, $push', { $set: { status: 'sent', providerId: 'p-1' }, $unset: { label: 1, nothing: 1 }, $addToSet: { providerIds: 'p-1' }, $push: { history: { kind: 'sent', at: t0 } } }, 'after'],
  ['$addToSet of a string already there changes nothing of the array; a new one is appended', { $addToSet: { tags: 'b', more: 'x' } }, 'after'],
  ['$addToSet of a string that is there only as another type (an ObjectId with the same hex) appends it', { $addToSet: { refs: '6b0f02ecaa518024c6c2c736' } }, 'after'],
];

it.each(cases)('%s: the same answer and the same stored row as through FerretDB', async (_name, update, returnDocument) => {
  if (!onPostgres()) {
    expect(await sqlUpdateById(conn, B, new Types.ObjectId(), update, returnDocument)).toBeUndefined();
    return;
  }
  const id = await twin();
  const viaFerret = await col(A).findOneAndUpdate({ _id: id }, update as mongoose.mongo.UpdateFilter<mongoose.mongo.Document>, { returnDocument });
  const viaSql = await sqlUpdateById(conn, B, id, update, returnDocument);
  expect(viaSql).toEqual(viaFerret);
  expect(Object.keys(viaSql!)).toEqual(Object.keys(viaFerret!));
  await sameRows(id);
  expect(await col(B).findOne({ _id: id })).toEqual(await col(A).findOne({ _id: id }));
});

it('no such document: null, as findOneAndUpdate answers', async () => {
  if (!onPostgres()) return;
  expect(await sqlUpdateById(conn, B, new Types.ObjectId(), { $inc: { count: 1 } }, 'before')).toBeNull();
});

it('a stored value of another type, or a shape not written here, changes nothing and is left to the driver', async () => {
  if (!onPostgres()) return;
  const id = await twin();
  expect(await sqlUpdateById(conn, B, id, { $inc: { label: 1 } }, 'after')).toBeUndefined(); // a string: MongoDB errors
  expect(await sqlUpdateById(conn, B, id, { $inc: { big: 5 } }, 'after')).toBeUndefined(); // int32 overflow: FerretDB's own answer
  expect(await sqlUpdateById(conn, B, id, { $max: { count: new Date() } }, 'after')).toBeUndefined(); // cross-type
  expect(await sqlUpdateById(conn, B, id, { $set: { 'data.value': 1 } }, 'after')).toBeUndefined(); // dotted path
  expect(await sqlUpdateById(conn, B, id, { $set: { re: /x/ } }, 'after')).toBeUndefined(); // not encodable
  expect(await sqlUpdateById(conn, B, id, { $push: { history: [1, 2] } }, 'after')).toBeUndefined(); // would nest arrays
  expect(await sqlUpdateById(conn, B, id, { $push: { label: 'y' } }, 'after')).toBeUndefined(); // not an array
  expect(await sqlUpdateById(conn, B, id, { $pull: { history: 1 } } as ByIdUpdate, 'after')).toBeUndefined();
  expect(await sqlUpdateById(conn, B, id, { $addToSet: { tags: { a: 1 } } } as unknown as ByIdUpdate, 'after')).toBeUndefined(); // objects: MongoDB's equality
  await sameRows(id);
});

it('interleaved with FerretDB updates under the same locks, 40 + 40 increments from both paths all count', async () => {
  if (!onPostgres()) return;
  const id = await twin({ count: 0 });
  await Promise.all([
    ...Array.from({ length: 40 }, () => sqlUpdateById(conn, B, id, { $inc: { count: 1 } }, 'after')),
    ...Array.from({ length: 40 }, () => lockedWrite(conn, B, { _id: id }, () => col(B).findOneAndUpdate({ _id: id }, { $inc: { count: 1 } }))),
  ]);
  expect((await col(B).findOne({ _id: id }))!.count).toBe(80);
});

it('a condition besides _id is part of the same statement: matched, updated as FerretDB does; not matched, null and unchanged', async () => {
  if (!onPostgres()) return;
  const Model = conn.models.UpdSql ?? conn.model('UpdSql', new mongoose.Schema({ status: String, count: Number, type: String }, { strict: false }), B);
  const update: ByIdUpdate = { $set: { status: 'acknowledged' }, $push: { history: { kind: 'ack', at: t0 } } };
  const id = await twin();
  const miss = await sqlUpdateById(conn, B, id, update, 'after', { model: Model, filter: { status: 'closed' } });
  expect(miss).toBeNull();
  expect(await col(A).findOneAndUpdate({ _id: id, status: 'closed' }, update as mongoose.mongo.UpdateFilter<mongoose.mongo.Document>)).toBeNull();
  await sameRows(id);
  const hit = await sqlUpdateById(conn, B, id, update, 'after', { model: Model, filter: { status: { $in: ['raised', 'escalated'] }, type: 'sos' } });
  const viaFerret = await col(A).findOneAndUpdate({ _id: id, status: { $in: ['raised', 'escalated'] }, type: 'sos' }, update as mongoose.mongo.UpdateFilter<mongoose.mongo.Document>, { returnDocument: 'after' });
  expect(hit).toEqual(viaFerret);
  expect(hit!.status).toBe('acknowledged');
  await sameRows(id);
  // A condition sql-find does not translate (an array field) leaves the update to the driver.
  expect(await sqlUpdateById(conn, B, id, update, 'after', { model: Model, filter: { history: { $size: 2 } } })).toBeUndefined();
});
