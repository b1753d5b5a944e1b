// By-_id updates asked for in one turn go as one PostgreSQL query, each caller getting the answer it would have had alone; a document missing or a shape left to the driver does not disturb the others; two connections batching the same documents in opposite orders finish with every increment counted.
import { Schema, Types, type Connection } from 'mongoose';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { connectDb } from './connection';
import { sqlUpdateByIdBatched } from './update-batch';
import { advisoryLocksOf } from './write-lock';

jest.setTimeout(60_000);
const dbName = uniqueDbName('updbatch');
let conn: Connection;
let other: Connection;
const onPostgres = () => !!advisoryLocksOf(conn);
const C = 'counted';
const col = () => conn.db!.collection(C);

beforeAll(async () => {
  conn = await connectDb(testMongoUri(dbName));
  other = await connectDb(testMongoUri(dbName));
});
afterAll(async () => {
  await conn.close();
  await other.close();
});

const model = () => conn.models[C] ?? conn.model(C, new Schema({ count: Number, label: String }), C);

async function docs(n: number) {
  const ids = Array.from({ length: n }, () => new Types.ObjectId());
  await col().insertMany(ids.map((_id, i) => ({ _id, count: i, label: `d${i}` })));
  return ids;
}

it('answers each update of one turn from one query, as it would have been answered alone', async () => {
  if (!onPostgres()) return void expect(await sqlUpdateByIdBatched(conn, C, new Types.ObjectId(), { $inc: { count: 1 } }, 'before')).toBeUndefined();
  const ids = await docs(5);
  const spy = jest.spyOn(advisoryLocksOf(conn)!, 'query');
  try {
    const answers = await Promise.all([
      ...ids.map((id, i) => sqlUpdateByIdBatched(conn, C, id, { $inc: { count: 10 }, $set: { label: `new${i}` } }, i % 2 ? 'after' : 'before')),
      // The same document twice in the turn: the second sees the first.
      sqlUpdateByIdBatched(conn, C, ids[0]!, { $inc: { count: 100 } }, 'before'),
      // No such document; and a shape not written here ($inc of a string field is MongoDB's own error): left to the driver.
      sqlUpdateByIdBatched(conn, C, new Types.ObjectId(), { $inc: { count: 1 } }, 'after'),
      sqlUpdateByIdBatched(conn, C, ids[1]!, { $inc: { label: 1 } }, 'after'),
      // A condition besides _id (the state a transition expects): not met, null and unchanged; met, written.
      sqlUpdateByIdBatched(conn, C, ids[2]!, { $inc: { count: 1000 } }, 'after', { model: model(), filter: { label: 'nope' } }),
      sqlUpdateByIdBatched(conn, C, ids[3]!, { $inc: { count: 1000 } }, 'after', { model: model(), filter: { label: 'new3' } }),
    ]);
    const writes = spy.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('UPDATE'));
    expect(writes).toHaveLength(1);
    expect(answers.slice(0, 5).map((a) => [a?.count, a?.label])).toEqual([
      [0, 'd0'],
      [11, 'new1'],
      [2, 'd2'],
      [13, 'new3'],
      [4, 'd4'],
    ]);
    expect(answers[5]).toMatchObject({ count: 10, label: 'new0' });
    expect(answers[6]).toBeNull();
    expect(answers[7]).toBeUndefined();
    expect(answers[8]).toBeNull();
    expect(answers[9]).toMatchObject({ count: 1013, label: 'new3' });
    const stored = await col().find({ _id: { $in: ids } }).sort({ _id: 1 }).toArray();
    expect(stored.map((d) => d.count)).toEqual([110, 11, 12, 1013, 14]);
  } finally {
    spy.mockRestore();
  }
});

it('two connections batching the same documents in opposite orders wait for each other without deadlock and count everything', async () => {
  if (!onPostgres()) return;
  const ids = await docs(20);
  const rounds = 10;
  const turn = (c: Connection, order: Types.ObjectId[]) => Promise.all(order.map((id) => sqlUpdateByIdBatched(c, C, id, { $inc: { count: 1 } }, 'after')));
  const all: Promise<unknown>[] = [];
  for (let r = 0; r < rounds; r++) {
    all.push(turn(conn, ids), turn(other, [...ids].reverse()));
    await new Promise((res) => setImmediate(res));
  }
  const answers = (await Promise.all(all)).flat() as Array<Record<string, unknown> | null | undefined>;
  expect(answers.every((a) => a && typeof a.count === 'number')).toBe(true);
  const stored = await col().find({ _id: { $in: ids } }).sort({ _id: 1 }).toArray();
  expect(stored.map((d) => d.count)).toEqual(ids.map((_, i) => i + 2 * rounds));
});
