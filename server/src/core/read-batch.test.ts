// Per-turn read coalescing against the real database: each caller's own answer, one statement per turn on the embedded engine, scopes kept apart, bad keys harmless.
import { Schema, Types, type Connection, type Model } from 'mongoose';
import { connectDb } from '../db/connection';
import { advisoryLocksOf } from '../db/write-lock';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { ReadBatch } from './read-batch';

interface Thing {
  _id: Types.ObjectId;
  communityId: string;
  ref: string;
  name: string;
  n: number;
}

let conn: Connection;
let model: Model<Thing>;
const ids = Array.from({ length: 12 }, () => new Types.ObjectId());
beforeAll(async () => {
  conn = await connectDb(testMongoUri(uniqueDbName('readbatch')));
  model = conn.model<Thing>('Thing', new Schema<Thing>({ communityId: String, ref: String, name: String, n: Number }, { versionKey: false }), 'things');
  await model.createIndexes();
  await model.insertMany(ids.map((_id, i) => ({ _id, communityId: i % 2 ? 'c-odd' : 'c-even', ref: `r${i % 6}`, name: `物件${i}`, n: i })));
});
afterAll(() => conn.close());

/** Statements sent to PostgreSQL while `fn` runs (0 when this is not the embedded engine). */
async function statements<T>(fn: () => Promise<T>): Promise<{ value: T; sent: number }> {
  const locks = advisoryLocksOf(conn);
  if (!locks) return { value: await fn(), sent: 0 };
  const q = jest.spyOn(locks, 'query');
  const qp = jest.spyOn(locks, 'queryPrepared');
  try {
    const value = await fn();
    return { value, sent: q.mock.calls.length + qp.mock.calls.length };
  } finally {
    q.mockRestore();
    qp.mockRestore();
  }
}

it('reads asked in one turn each get their own document (or null) from one statement', async () => {
  const batch = new ReadBatch<Thing>(model);
  await batch.get(String(ids[0])); // the collection's table is known from here on
  const missing = String(new Types.ObjectId());
  const { value, sent } = await statements(() =>
    Promise.all([String(ids[3]), String(ids[7]), missing, String(ids[3]), String(ids[11]).toUpperCase(), 'not-an-id'].map((k) => batch.get(k))),
  );
  expect(value.map((d) => d?.name ?? null)).toEqual(['物件3', '物件7', null, '物件3', '物件11', null]);
  expect(value[0]).toEqual({ _id: ids[3], communityId: 'c-odd', ref: 'r3', name: '物件3', n: 3 });
  if (advisoryLocksOf(conn)) expect(sent).toBe(1);
  // Reads in separate turns are separate statements (nothing waits for a batch that is not coming).
  const one = await batch.get(String(ids[1]));
  const two = await batch.get(String(ids[2]));
  expect([one?.n, two?.n]).toEqual([1, 2]);
});

it('a field other than _id, scoped: another scope\'s document is never an answer; select trims the fields', async () => {
  const batch = new ReadBatch<Pick<Thing, '_id' | 'ref' | 'n'>>(model, { field: 'ref', scopeField: 'communityId', select: ['n'] });
  const { value } = await statements(() =>
    Promise.all([
      batch.get('r1', 'c-odd'), // n 1 or 7 (both odd, ref r1)
      batch.get('r1', 'c-even'), // r1 is only ever odd
      batch.get('r2', 'c-even'),
      batch.get('r9', 'c-even'),
    ]),
  );
  expect([1, 7]).toContain(value[0]?.n);
  expect(value[1]).toBeNull();
  expect(value[2]).toMatchObject({ ref: 'r2' });
  expect([2, 8]).toContain(value[2]?.n);
  expect(Object.keys(value[2]!).sort()).toEqual(['_id', 'n', 'ref']);
  expect(value[3]).toBeNull();
});

it('a read that fails rejects every read of its batch (none hangs), and the next turn reads again', async () => {
  // A key the field's type cannot take fails the batch's cast: a real failure, no fault injected.
  const batch = new ReadBatch<Thing>(model, { field: 'n' });
  const results = await Promise.allSettled([batch.get('不是数字'), batch.get('4')]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  expect((await batch.get('4'))?.name).toBe('物件4');
});
