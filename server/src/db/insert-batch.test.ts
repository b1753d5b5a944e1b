// Group commit on the real test database: concurrent inserts share one write, each caller gets its own document or its own duplicate-key error, invalid documents fail alone.
import { Schema, type Connection } from 'mongoose';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { connectDb, isDuplicateKey } from './connection';
import { insertBatched } from './insert-batch';
import * as sqlInsertModule from './sql-insert';
import { advisoryLocksOf } from './write-lock';

interface Doc {
  _id: string;
  n: number;
  kind: string;
  createdAt: Date;
}
let conn: Connection;
let M: import('mongoose').Model<Doc>;

beforeAll(async () => {
  conn = await connectDb(testMongoUri(uniqueDbName('insbatch')));
  M = conn.model<Doc>('InsBatchDoc', new Schema<Doc>({ _id: String, n: { type: Number, required: true }, kind: { type: String, default: 'plain' } }, { timestamps: true }));
  await M.init();
});
afterAll(() => conn.close());

it('concurrent inserts go out as one write and each gets its own stored document', async () => {
  // The embedded engine writes the batch with one SQL statement (db/sql-insert.ts); MongoDB with one insertMany.
  const sql = jest.spyOn(sqlInsertModule, 'sqlInsert');
  const spy = jest.spyOn(M, 'insertMany');
  const out = await Promise.all(Array.from({ length: 50 }, (_, i) => insertBatched<Doc>(M, { _id: `a${i}`, n: i })));
  expect(sql).toHaveBeenCalledTimes(1);
  expect(spy).toHaveBeenCalledTimes(advisoryLocksOf(conn) ? 0 : 1);
  expect(await sql.mock.results[0]!.value).toEqual(advisoryLocksOf(conn) ? out.map(() => 'inserted') : undefined);
  spy.mockRestore();
  sql.mockRestore();
  expect(out.map((d) => d._id)).toEqual(Array.from({ length: 50 }, (_, i) => `a${i}`));
  expect(out[7]).toMatchObject({ n: 7, kind: 'plain' });
  expect(out[7]!.createdAt).toBeInstanceOf(Date);
  expect(await M.countDocuments({ _id: /^a/ })).toBe(50);
});

it('a duplicate key fails only its own caller, with code 11000; an invalid document fails alone; the rest are stored', async () => {
  await M.create({ _id: 'taken', n: 0 });
  const results = await Promise.allSettled([
    insertBatched(M, { _id: 'b1', n: 1 }),
    insertBatched(M, { _id: 'taken', n: 2 }),
    insertBatched(M, { _id: 'b3' }), // n is required
    insertBatched(M, { _id: 'b4', n: 4 }),
    insertBatched(M, { _id: 'b1', n: 5 }), // the same key twice in one batch: the second loses
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'rejected']);
  expect(isDuplicateKey((results[1] as PromiseRejectedResult).reason)).toBe(true);
  expect(isDuplicateKey((results[2] as PromiseRejectedResult).reason)).toBe(false);
  expect(isDuplicateKey((results[4] as PromiseRejectedResult).reason)).toBe(true);
  expect((await M.findById('taken').lean())!.n).toBe(0);
  expect((await M.findById('b1').lean())!.n).toBe(1);
  expect(await M.exists({ _id: 'b3' })).toBeNull();
  expect(await M.exists({ _id: 'b4' })).not.toBeNull();
});
