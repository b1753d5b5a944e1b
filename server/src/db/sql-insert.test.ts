// Rows written straight into PostgreSQL are exactly the rows FerretDB writes for the same documents (FerretDB is the oracle), FerretDB reads, queries and updates them as its own, and duplicates and documents the encoder does not vouch for behave as through the driver.
import mongoose, { Types, type Connection, type Model } from 'mongoose';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { connectDb, isDuplicateKey } from './connection';
import { tableOf } from './gin-indexes';
import { insertBatched } from './insert-batch';
import { encodeDocument } from './pjson';
import { sqlInsert } from './sql-insert';
import { advisoryLocksOf } from './write-lock';

jest.setTimeout(60_000);

let conn: Connection;
let ViaDriver: Model<any>;
let ViaSql: Model<any>;
const onPostgres = () => !!advisoryLocksOf(conn);

function schema() {
  const s = new mongoose.Schema(
    {
      communityId: { type: String, required: true },
      no: { type: String, unique: true, sparse: false },
      n: Number,
      ratio: Number,
      big: Number,
      flag: Boolean,
      at: Date,
      who: Types.ObjectId,
      blob: Buffer,
      reporter: { name: String, phone: String, residentId: Types.ObjectId },
      tags: [String],
      nums: [Number],
      history: [{ kind: String, at: Date, by: { id: String, name: String }, to: [String] }],
      data: mongoose.Schema.Types.Mixed,
      counts: { type: Map, of: Number },
      empty: [String],
    },
    { timestamps: true, minimize: false },
  );
  return s;
}

beforeAll(async () => {
  conn = await connectDb(testMongoUri(uniqueDbName('sqlins')));
  ViaDriver = conn.model('InsOracleDriver', schema(), 'ins_driver');
  ViaSql = conn.model('InsOracleSql', schema(), 'ins_sql');
  await Promise.all([ViaDriver.init(), ViaSql.init()]);
});
afterAll(() => conn.close());

/** Varied documents: every type the encoder handles, nesting, subdocument _ids, field order, ints against doubles. */
function docs(k: number): Record<string, unknown>[] {
  return Array.from({ length: k }, (_, i) => ({
    communityId: i % 3 ? 'beimen' : 'nanguan',
    no: `BM-${i}`,
    n: i,
    ratio: i + 0.25,
    big: i % 2 ? 2 ** 31 + i : -(2 ** 31) - i, // outside int32: doubles, as the driver sends them
    flag: i % 2 === 0,
    at: new Date(Date.UTC(2026, 10, 1 + (i % 28), i % 24)),
    ...(i % 4 ? { who: new Types.ObjectId() } : {}),
    ...(i % 5 === 0 ? { blob: Buffer.from(`bytes-${i}`) } : {}),
    reporter: { name: `居民${i}`, ...(i % 2 ? { phone: '13800000000' } : {}), residentId: new Types.ObjectId() },
    tags: i % 3 ? ['漏水', `t${i}`] : [],
    nums: [1, 2.5, -0, 2 ** 40],
    history: [
      { kind: 'submitted', at: new Date(1_700_000_000_000 + i), by: { id: 'sys', name: '系统' }, to: ['a', 'b'] },
      { kind: 'accepted', at: new Date(1_700_000_100_000 + i), to: [] },
    ],
    data: i % 2 ? { value: 140 + i, nested: { deep: [1, 'two', null, { x: true }], at: new Date(0) }, none: null } : { list: [] , obj: {} },
    counts: new Map([['z', 1], ['a', i]]),
    empty: [],
  }));
}

/** Each document as mongoose's insertMany hands it to the driver (same subdocument _ids for both collections). */
function prepared(model: Model<any>, raw: Record<string, unknown>[]) {
  return raw.map((r) => {
    const d = new model(r);
    d.set('__v', 0);
    d.initializeTimestamps();
    return d.toObject({ transform: false, virtuals: false, getters: false, depopulate: true, flattenDecimals: false, versionKey: true }) as Record<string, unknown>;
  });
}

it('writes exactly the rows FerretDB writes for the same documents, and FerretDB reads them back the same', async () => {
  if (!onPostgres()) {
    expect(await sqlInsert(ViaSql, prepared(ViaSql, docs(1)))).toBeUndefined(); // MongoDB: always the driver
    return;
  }
  const stored = prepared(ViaDriver, docs(40));
  await ViaDriver.collection.insertMany(stored.map((d) => ({ ...d })));
  const outcomes = await sqlInsert(ViaSql, stored);
  expect(outcomes).toEqual(stored.map(() => 'inserted'));
  const locks = advisoryLocksOf(conn)!;
  const [a, b] = [await tableOf(conn, 'ins_driver'), await tableOf(conn, 'ins_sql')];
  const cmp = await locks.query<{ same: boolean; id: string }>(
    `SELECT d._jsonb->>'_id' AS id, d._jsonb = s._jsonb AS same FROM "${conn.name}"."${a}" d JOIN "${conn.name}"."${b}" s ON s._jsonb->'_id' = d._jsonb->'_id'`,
  );
  expect(cmp.rows).toHaveLength(40);
  expect(cmp.rows.filter((r) => !r.same)).toEqual([]);
  // What FerretDB answers for them: the same documents, field order included.
  const viaFerret = await ViaSql.collection.find({}).sort({ no: 1 }).toArray();
  const reference = await ViaDriver.collection.find({}).sort({ no: 1 }).toArray();
  expect(viaFerret).toEqual(reference);
  expect(Object.keys(viaFerret[0]!)).toEqual(Object.keys(reference[0]!));
});

it('FerretDB queries and updates the rows as its own', async () => {
  if (!onPostgres()) return;
  const probe = docs(60).map((d, i) => ({ ...d, no: `Q-${i}` }));
  const out = await Promise.all(prepared(ViaSql, probe).map((d) => insertBatched<Record<string, unknown>>(ViaSql, d)));
  expect(out).toHaveLength(60);
  expect(await ViaSql.countDocuments({ no: /^Q-/, communityId: 'nanguan' })).toBe(20);
  expect(await ViaSql.countDocuments({ no: /^Q-/, 'reporter.phone': '13800000000' })).toBe(30);
  expect(await ViaSql.countDocuments({ no: /^Q-/, tags: '漏水' })).toBe(40);
  expect(await ViaSql.countDocuments({ no: /^Q-/, n: { $gte: 10, $lt: 20 } })).toBe(10);
  const id = out[5]!._id;
  const updated = await ViaSql.findOneAndUpdate(
    { _id: id, 'history.kind': 'accepted' },
    { $set: { flag: false }, $push: { history: { kind: 'closed', at: new Date(), to: ['c'] } }, $inc: { n: 100 } },
    { new: true },
  ).lean<any>();
  expect(updated.n).toBe(105);
  expect(updated.history.map((h: { kind: string }) => h.kind)).toEqual(['submitted', 'accepted', 'closed']);
  expect(updated.reporter.name).toBe('居民5');
  expect((updated.counts as Record<string, number>).a).toBe(5);
});

it('a duplicate _id or unique key fails only its own document with E11000; the rest of the batch is stored', async () => {
  const [first] = prepared(ViaSql, [{ ...docs(1)[0], no: 'D-1' }]);
  await insertBatched(ViaSql, first!);
  const fresh = prepared(ViaSql, [0, 1, 2].map((i) => ({ ...docs(1)[0], no: `D-fresh-${i}` })));
  const sameNo = prepared(ViaSql, [{ ...docs(1)[0], no: 'D-1' }])[0]!;
  const results = await Promise.allSettled([
    insertBatched(ViaSql, fresh[0]!),
    insertBatched(ViaSql, { ...first!, no: 'D-other' }), // same _id
    insertBatched(ViaSql, fresh[1]!),
    insertBatched(ViaSql, sameNo), // same unique `no`
    insertBatched(ViaSql, fresh[2]!),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
  expect(isDuplicateKey((results[1] as PromiseRejectedResult).reason)).toBe(true);
  expect(isDuplicateKey((results[3] as PromiseRejectedResult).reason)).toBe(true);
  expect(await ViaSql.countDocuments({ no: /^D-fresh-/ })).toBe(3);
  expect(await ViaSql.countDocuments({ no: 'D-other' })).toBe(0);
  expect(await ViaSql.countDocuments({ _id: first!._id })).toBe(1);
});

it('leaves to the driver what the encoder does not vouch for, and those still insert (or fail) as through FerretDB', async () => {
  const odd = [
    { _id: new Types.ObjectId(), data: { re: /abc/i } },
    { _id: new Types.ObjectId(), data: { v: Number.NaN } },
    { _id: new Types.ObjectId(), data: { grid: [[1, 2], [3]] } },
    { _id: new Types.ObjectId(), data: { v: mongoose.Types.Decimal128.fromString('1.5') } },
    { _id: new Types.ObjectId(), data: { gone: undefined } },
    { _id: { a: 1, b: 2 } },
    { data: {} },
  ];
  for (const d of odd) expect(encodeDocument(d as Record<string, unknown>)).toBeUndefined();
  expect(encodeDocument({ _id: 'x', ok: 1 })).toBeDefined();
  const row = prepared(ViaSql, [{ ...docs(1)[0], no: 'R-1', data: { re: /abc/i, n: 1 } }])[0]!;
  expect(await sqlInsert(ViaSql, [row])).toBeUndefined(); // nothing written by SQL
  const saved = await insertBatched<Record<string, any>>(ViaSql, row); // the driver's path
  expect(saved.no).toBe('R-1');
  const back = await ViaSql.findById(row._id).lean<any>();
  expect(back.data.n).toBe(1);
  expect(String(back.data.re)).toMatch(/abc/);
});
