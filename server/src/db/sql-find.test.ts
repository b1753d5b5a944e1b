// Finds answered by PostgreSQL directly return exactly what FerretDB returns for the same filter, sort and limit; shapes SQL would change are left to FerretDB; FerretDB's own btree indexes serve them.
import mongoose, { Types, type Connection, type Model } from 'mongoose';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { connectDb, prepareIndexes } from './connection';
import { tableOf } from './gin-indexes';
import { decodeDocument } from './pjson';
import { findOneLean, findOneLeanEach, findSorted, sqlCount, sqlFields, sqlFind, type SortedFind } from './sql-find';
import { advisoryLocksOf } from './write-lock';

jest.setTimeout(60_000);

interface Row {
  _id: Types.ObjectId;
  communityId: string;
  status: string;
  n?: number;
  at: Date;
  due?: Date | null;
  who?: Types.ObjectId;
  flag?: boolean;
  title?: string;
  loc?: { b?: string; unit?: number };
  tags: string[];
  marks: { k: string }[];
}

let conn: Connection;
/** With MONGODB_URI the suite runs on MongoDB, where nothing is translated: only the fallback is checked there. */
const onPostgres = () => !!advisoryLocksOf(conn);
let M: Model<Row>;
const STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'closed'];
const people = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];

beforeAll(async () => {
  conn = await connectDb(testMongoUri(uniqueDbName('sqlfind')));
  const schema = new mongoose.Schema<Row>(
    {
      communityId: { type: String, required: true },
      status: String,
      n: Number,
      at: { type: Date, required: true },
      due: Date,
      who: Types.ObjectId,
      flag: Boolean,
      title: String,
      loc: { b: String, unit: Number },
      tags: [String],
      marks: [{ k: String }],
    },
    { timestamps: true },
  );
  schema.index({ communityId: 1, status: 1, _id: -1 });
  schema.index({ communityId: 1, at: -1 });
  M = conn.model<Row>('Row', schema, 'rows');
  await M.init();
  // A seeded generator: the same 400 rows every run, with missing fields, nulls and ties on purpose.
  let seed = 7;
  const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor(seed / 65536) % k); // high bits: the low ones of an LCG repeat
  const base = Date.UTC(2026, 0, 1);
  const docs = Array.from({ length: 400 }, (_, i) => {
    const d: Record<string, unknown> = {
      _id: Types.ObjectId.createFromTime(Math.floor(base / 1000) + i * 60),
      communityId: rnd(5) === 0 ? 'other' : 'beimen',
      status: STATUSES[rnd(5)],
      at: new Date(base + rnd(50) * 86400_000),
      tags: rnd(2) ? ['漏水', `t${rnd(3)}`] : [],
      marks: rnd(3) ? [{ k: `m${rnd(2)}` }] : [],
    };
    if (rnd(4)) d.n = rnd(10) - 3 + (rnd(2) ? 0.5 : 0);
    const r = rnd(3);
    if (r === 0) d.due = new Date(base + rnd(50) * 3600_000);
    else if (r === 1) d.due = null;
    if (rnd(2)) d.who = people[rnd(3)];
    if (rnd(2)) d.flag = !!rnd(2);
    if (rnd(4)) d.title = `${['楼道灯坏了', '水管漏水 (3号楼)', '电梯*异响', 'a/b 门禁'][rnd(4)]} #${i}`;
    if (rnd(3)) d.loc = rnd(2) ? { b: `${rnd(4) + 1}号楼`, unit: rnd(3) } : { unit: 1 };
    return d;
  });
  await M.collection.insertMany(docs);
  await prepareIndexes(conn);
});

afterAll(async () => {
  await conn?.dropDatabase().catch(() => undefined);
  await conn?.close();
});

const beimen = { communityId: 'beimen' };
const cases: [string, Record<string, unknown>, SortedFind][] = [
  ['inbox: open statuses newest first', { ...beimen, status: { $in: ['submitted', 'accepted', 'assigned', 'in_progress'] } }, { sort: { _id: -1 }, limit: 20 }],
  ['one status, keyset page', { ...beimen, status: 'closed', _id: { $lt: Types.ObjectId.createFromTime(Math.floor(Date.UTC(2026, 0, 1) / 1000) + 200 * 60) } }, { sort: { _id: -1 }, limit: 20 }],
  ['date range ascending', { ...beimen, at: { $gte: new Date(Date.UTC(2026, 0, 10)), $lt: new Date(Date.UTC(2026, 1, 1)) } }, { sort: { at: 1, _id: 1 } }],
  ['number range with a half', { n: { $gt: -1.5, $lte: 4.5 } }, { sort: { n: -1, _id: 1 } }],
  ['missing and null sort like MongoDB, ascending', {}, { sort: { due: 1, _id: 1 } }],
  ['missing and null sort like MongoDB, descending', { ...beimen }, { sort: { due: -1, _id: -1 }, limit: 120 }],
  ['equality with null matches missing and null', { due: null }, { sort: { _id: 1 } }],
  ['$ne null', { due: { $ne: null } }, { sort: { _id: 1 } }],
  ['$ne a value keeps the missing', { flag: { $ne: true } }, { sort: { _id: -1 } }],
  ['$exists false and true', { who: { $exists: false }, loc: { $exists: true } }, { sort: { _id: -1 } }],
  ['ObjectId equality given as hex (cast)', { who: people[1]!.toHexString() }, { sort: { _id: -1 } }],
  ['dotted path into an object', { ...beimen, 'loc.b': { $in: ['1号楼', '3号楼'] } }, { sort: { _id: -1 }, limit: 15 }],
  ['literal substring search in $or', { ...beimen, $or: [{ title: /漏水 \(3号楼\)/ }, { title: /电梯\*/ }, { title: /a\/b/ }] }, { sort: { _id: -1 }, limit: 50 }],
  ['$and with an empty $in', { $and: [{ communityId: 'other' }, { status: { $in: [] } }] }, { sort: { _id: -1 } }],
  ['boolean and projection', { ...beimen, flag: false }, { sort: { _id: -1 }, limit: 10, select: ['status', 'loc', 'at'] }],
];

describe('sqlFind against FerretDB as the oracle', () => {
  it.each(cases)('%s', async (_name, filter, opts) => {
    if (!onPostgres()) return expect(await sqlFind(M, filter, opts)).toBeUndefined();
    const viaSql = await sqlFind(M, filter, opts);
    expect(viaSql).toBeDefined(); // translated, not handed back to FerretDB
    let q = M.find(filter, opts.select ? Object.fromEntries(opts.select.map((f) => [f, 1])) : undefined).sort(opts.sort);
    if (opts.limit) q = q.limit(opts.limit);
    const viaFerret = await q.lean();
    expect(viaSql!.length).toBe(viaFerret.length);
    expect(viaSql).toEqual(viaFerret);
  });

  it('the cases are not vacuous: most return rows and the limits bite', async () => {
    if (!onPostgres()) return;
    const sizes = await Promise.all(cases.map(async ([, f, o]) => (await sqlFind(M, f, o))!.length));
    cases.forEach(([name, , o], i) => {
      if (name.includes('empty $in')) expect(sizes[i]).toBe(0);
      else if (o.limit) expect(sizes[i]).toBe(o.limit);
      else expect(sizes[i]).toBeGreaterThan(0);
    });
  });

  it('leaves to FerretDB what SQL would answer differently: array fields, real patterns, unknown operators', async () => {
    for (const f of [{ tags: '漏水' }, { 'marks.k': 'm1' }, { title: /^楼道/ }, { title: /灯/i }, { n: { $mod: [2, 0] } }, { $nor: [{ status: 'closed' }] }, { status: { $in: ['closed', null] } }]) {
      expect(await sqlFind(M, f as Record<string, unknown>, { sort: { _id: -1 } })).toBeUndefined();
      // …and findSorted still answers them, through FerretDB.
      const fallback = await findSorted(M, f as Record<string, unknown>, { sort: { _id: -1 }, limit: 5 });
      expect(Array.isArray(fallback)).toBe(true);
    }
    expect((await findSorted<Row>(M, { tags: '漏水' }, { sort: { _id: -1 } })).every((r) => r.tags.includes('漏水'))).toBe(true);
  });

  it('findOneLean: the document FerretDB finds (or null), with a selection', async () => {
    const some = (await M.find({ loc: { $exists: true } }).sort({ _id: -1 }).limit(1).lean())[0]!;
    expect(await findOneLean(M, { _id: some._id })).toEqual(await M.findOne({ _id: some._id }).lean());
    expect(await findOneLean(M, { _id: String(some._id) }, ['status', 'loc'])).toEqual(await M.findOne({ _id: some._id }, { status: 1, loc: 1 }).lean());
    expect(await findOneLean(M, { _id: new Types.ObjectId() })).toBeNull();
  });

  it('sqlFields and sqlCount: chosen fields decoded (missing ones absent) and counts, as FerretDB gives them', async () => {
    if (!onPostgres()) return expect(await sqlCount(M, beimen)).toBeUndefined();
    for (const [, filter] of cases) {
      const fields = await sqlFields(M, filter, ['status', 'at', 'who', 'due', 'loc'], { sort: { _id: 1 } });
      expect(fields).toEqual(await M.find(filter, { status: 1, at: 1, who: 1, due: 1, loc: 1 }).sort({ _id: 1 }).lean());
      expect(await sqlCount(M, filter)).toBe(await M.countDocuments(filter));
    }
    expect(await sqlFields(M, beimen, ['loc.b'])).toBeUndefined(); // a dotted field is not a column of its own: FerretDB answers
  });

  it('a collection never written is an empty list', async () => {
    if (!onPostgres()) return;
    const Empty = conn.model('EmptyRows', new mongoose.Schema({ communityId: String }, { autoCreate: false, autoIndex: false }), 'never_written');
    expect(await sqlFind(Empty, { communityId: 'beimen' }, { sort: { _id: -1 } })).toEqual([]);
  });
});

describe('stored documents decode as the driver returns them', () => {
  it('every type we store round-trips', async () => {
    if (!onPostgres()) return;
    const raw = conn.collection('types');
    const doc = {
      _id: new Types.ObjectId(),
      s: '王奶奶',
      i: 3,
      d: 2.5,
      big: 2 ** 40,
      b: false,
      nul: null,
      at: new Date('2026-01-02T03:04:05.678Z'),
      o: { a: 'b', arr: [1, 'two', { z: new Date(0), e: [] }], empty: {} },
      bin: new mongoose.mongo.Binary(Buffer.from('语音'), 0),
      ref: new Types.ObjectId(),
    };
    await raw.insertOne(doc);
    const table = (await tableOf(conn, 'types'))!;
    const stored = (await advisoryLocksOf(conn)!.query(`SELECT _jsonb FROM "${conn.name}"."${table}"`)).rows[0]!._jsonb;
    const decoded = decodeDocument(stored);
    const viaDriver = await raw.findOne({ _id: doc._id });
    expect(decoded).toEqual(viaDriver);
    expect(Object.keys(decoded)).toEqual(Object.keys(doc)); // field order kept
    expect(decoded.ref).toBeInstanceOf(Types.ObjectId);
    expect(decoded.at).toBeInstanceOf(Date);
  });
});

describe('FerretDB’s own btree indexes serve the SQL', () => {
  it('the inbox over several statuses is one index walk per status, each stopping at the page size, merged', async () => {
    if (!onPostgres()) return;
    const locks = advisoryLocksOf(conn)!;
    const table = `"${conn.name}"."${(await tableOf(conn, 'rows'))!}"`;
    const { fromWhere } = await import('./sql-find');
    const filter = { ...beimen, status: { $in: ['submitted', 'accepted', 'assigned'] } };
    const sql = fromWhere(M, table, M.find(filter).cast(M) as Record<string, unknown>, { sort: { _id: -1 }, limit: 20 })!;
    const session = await locks.session();
    try {
      await session.query('SET enable_seqscan = off');
      const plan = (await session.query(`EXPLAIN SELECT _jsonb ${sql.text}`, sql.values)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Append/);
      expect(plan.match(/Index Scan/g)?.length).toBe(3);
      expect(plan).not.toMatch(/Seq Scan|Bitmap/);
    } finally {
      await session.query('RESET enable_seqscan');
      session.release();
    }
  });

  it('the inbox page and a date range walk an index, never a sequential scan', async () => {
    if (!onPostgres()) return;
    const locks = advisoryLocksOf(conn)!;
    const table = (await tableOf(conn, 'rows'))!;
    const session = await locks.session();
    try {
      await session.query('SET enable_seqscan = off'); // with 400 rows the planner would rightly scan; ask whether it *can* use an index
      for (const [filter, opts] of [
        [{ ...beimen, status: 'closed' }, { sort: { _id: -1 }, limit: 20 }],
        [{ ...beimen, at: { $gte: new Date(Date.UTC(2026, 0, 10)) } }, { sort: { at: -1 } }],
      ] as [Record<string, unknown>, SortedFind][]) {
        const { translate } = await import('./sql-find');
        const sql = translate(M, M.find(filter).cast(M) as Record<string, unknown>, opts)!;
        const plan = (await session.query(`EXPLAIN SELECT _jsonb FROM "${conn.name}"."${table}" ${sql.text}`, sql.values)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).not.toMatch(/Seq Scan/);
        expect(plan).toMatch(/Index Scan|Bitmap Index Scan/);
        expect(plan).not.toMatch(/Sort\b/); // the index gives the order: no sort of the matches
      }
    } finally {
      await session.query('RESET enable_seqscan');
      session.release();
    }
  });

  it('several one-document reads of different collections in one statement answer as each read alone', async () => {
    const Other = conn.models.OtherRow ?? conn.model('OtherRow', new mongoose.Schema({ _id: String, staffId: String, expiresAt: Date }), 'other_rows');
    await Other.create({ _id: 'sess-1', staffId: 'x', expiresAt: new Date(Date.UTC(2027, 0, 1)) });
    // Never created: mongoose would create it in the background (autoCreate), racing the reads below.
    const Never = conn.models.NeverRow ?? conn.model('NeverRow', new mongoose.Schema({ _id: String, n: Number }, { autoCreate: false, autoIndex: false }), 'never_rows');
    const some = (await M.findOne({ communityId: 'beimen', status: 'closed' }).lean())!;
    const reads = [
      { model: M, filter: { _id: some._id }, select: ['status', 'n'] },
      { model: Other, filter: { _id: 'sess-1' } },
      { model: Other, filter: { _id: 'no-such' } },
      { model: Never, filter: { _id: 'a' } },
      { model: M, filter: { _id: String(some._id), communityId: 'beimen' } }, // a hex string, cast as the find would
    ];
    const expected = await Promise.all(reads.map((r) => findOneLean(r.model, r.filter, r.select)));
    const locks = advisoryLocksOf(conn);
    const spy = locks ? [jest.spyOn(locks, 'query'), jest.spyOn(locks, 'queryPrepared')] : undefined;
    const got = await findOneLeanEach(reads);
    expect(got).toEqual(expected);
    expect(got[0]).toEqual({ _id: some._id, status: 'closed', ...(some.n === undefined ? {} : { n: some.n }) });
    expect(got[1]).toMatchObject({ _id: 'sess-1', staffId: 'x' });
    expect(got.slice(2, 4)).toEqual([null, null]);
    if (spy) {
      expect(spy[1].mock.calls.length).toBe(1); // one statement for all five reads
      // …plus one look in FerretDB's metadata for the collection that does not exist: a table not found is not remembered,
      // since another node may create it the next moment.
      expect(spy[0].mock.calls.map(([text]) => String(text))).toEqual([expect.stringContaining('_ferretdb_database_metadata')]);
    }
    spy?.forEach((s) => s.mockRestore());
    // A filter SQL does not keep (an array field) makes the whole set go read by read, still right.
    const mixed = await findOneLeanEach([reads[1]!, { model: M, filter: { _id: some._id, tags: { $size: 0 } } }]);
    expect(mixed[0]).toEqual(expected[1]);
    expect(mixed[1]).toEqual(await findOneLean(M, { _id: some._id, tags: { $size: 0 } }));
  });
});

