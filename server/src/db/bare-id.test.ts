// Conditional updates by _id on the real test database: same answers as the conditional filter, exactly one winner under contention, and on FerretDB a primary-key write instead of a scan.
import { Schema, Types, type Connection } from 'mongoose';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { isBareIdOnly } from './bare-id';
import { connectDb } from './connection';

interface Doc {
  _id: Types.ObjectId;
  status: string;
  attempts: number;
  due?: Date;
  rating?: { score?: number };
  tags: string[];
}
let conn: Connection;
let M: import('mongoose').Model<Doc>;

beforeAll(async () => {
  conn = await connectDb(testMongoUri(uniqueDbName('bareid')));
  M = conn.model<Doc>('BareIdDoc', new Schema<Doc>({ status: String, attempts: Number, due: Date, rating: { score: Number }, tags: [String] }));
});
afterAll(() => conn.close());

it('is on for FerretDB (the embedded engine) and off for a real MongoDB', () => {
  expect(isBareIdOnly(conn)).toBe(!process.env.MONGODB_URI);
});

it('answers exactly as the conditional filter would: $in, $exists, dates, dotted paths, $or, arrays', async () => {
  const now = new Date();
  const d = await M.create({ status: 'queued', attempts: 1, due: new Date(now.getTime() - 60_000), tags: ['独居', '高龄'] });
  const upd = (cond: Record<string, unknown>) => M.findOneAndUpdate({ _id: d._id, ...cond }, { $inc: { attempts: 1 } }, { new: true }).lean<Doc>();
  expect(await upd({ status: 'sent' })).toBeNull();
  expect(await upd({ status: { $in: ['queued', 'failed'] }, attempts: 1 })).toMatchObject({ attempts: 2 });
  expect(await upd({ attempts: 1 })).toBeNull();
  expect(await upd({ 'rating.score': { $exists: false }, due: { $lt: now } })).toMatchObject({ attempts: 3 });
  expect(await upd({ due: { $gt: now } })).toBeNull();
  expect(await upd({ $or: [{ due: { $exists: false } }, { due: { $lt: now } }] })).toMatchObject({ attempts: 4 });
  expect(await upd({ tags: '高龄' })).toMatchObject({ attempts: 5 });
  expect(await upd({ tags: '残疾' })).toBeNull();
  expect((await M.updateOne({ _id: d._id, status: 'nope' }, { $set: { status: 'x' } })).modifiedCount).toBe(0);
  expect((await M.updateOne({ _id: String(d._id), status: 'queued' }, { $set: { status: 'sent' } })).modifiedCount).toBe(1);
  expect(await M.findOneAndUpdate({ _id: new Types.ObjectId(), status: 'sent' }, { $set: { status: 'y' } })).toBeNull();
  expect((await M.findById(d._id).lean<Doc>())!).toMatchObject({ status: 'sent', attempts: 5 });
});

it('20 parallel claims of the same attempt: exactly one wins', async () => {
  const d = await M.create({ status: 'queued', attempts: 0, tags: [] });
  const claims = await Promise.all(
    Array.from({ length: 20 }, () => M.findOneAndUpdate({ _id: d._id, status: 'queued', attempts: 0 }, { $inc: { attempts: 1 } }, { new: true }).lean<Doc>()),
  );
  expect(claims.filter(Boolean)).toHaveLength(1);
  expect((await M.findById(d._id).lean<Doc>())!.attempts).toBe(1);
});

it('reads by _id with conditions answer exactly as the filter: findOne and find, lean or not, string or ObjectId ids', async () => {
  const now = new Date();
  const d = await M.create({ status: 'sent', attempts: 2, due: new Date(now.getTime() - 60_000), tags: ['独居'] });
  const other = await M.create({ status: 'sent', attempts: 2, tags: [] });
  const one = (cond: Record<string, unknown>, id: unknown = d._id) => M.findOne({ _id: id, ...cond }).lean<Doc>();
  expect(await one({ status: 'sent' })).toMatchObject({ attempts: 2 });
  expect(await one({ status: 'queued' })).toBeNull();
  expect(await one({ status: 'sent' }, String(d._id))).toMatchObject({ attempts: 2 });
  expect(await one({ status: 'sent' }, new Types.ObjectId())).toBeNull();
  expect(await one({ attempts: { $gte: 2 }, due: { $lt: now }, tags: '独居' })).not.toBeNull();
  expect(await one({ 'rating.score': { $exists: true } })).toBeNull();
  expect(await one({ $or: [{ status: 'x' }, { attempts: 2 }] })).not.toBeNull();
  // Hydrated documents and find() arrays.
  expect((await M.findOne({ _id: d._id, status: 'sent' }))?.attempts).toBe(2);
  expect(await M.findOne({ _id: d._id, status: 'failed' })).toBeNull();
  expect(await M.find({ _id: other._id, status: 'sent' }).lean()).toHaveLength(1);
  expect(await M.find({ _id: other._id, status: 'queued' }).lean()).toHaveLength(0);
  // A projection is left as written (the condition's fields could be cut off): still the filter's answer.
  expect(await M.findOne({ _id: d._id, status: 'queued' }).select({ attempts: 1 }).lean()).toBeNull();
  expect(await M.exists({ _id: d._id, status: 'sent' })).not.toBeNull();
});

it('on FerretDB the read goes to the database by _id alone (a primary-key lookup, not a scan)', async () => {
  const d = await M.create({ status: 'sent', attempts: 1, tags: [] });
  const q = M.findOne({ _id: d._id, status: 'sent' }).lean();
  expect(await q).not.toBeNull();
  const sent = q.getFilter();
  if (isBareIdOnly(conn)) expect(sent).toEqual({ _id: d._id });
  else expect(sent).toEqual({ _id: d._id, status: 'sent' });
});
