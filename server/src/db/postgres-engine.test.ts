// The embedded engine on PostgreSQL: updates exactly correct across two Node processes (advisory locks), GIN indexes PostgreSQL uses, and FerretDB's duplicate-key answers.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { connectDb, isDuplicateKey, prepareIndexes } from './connection';
import { startEmbeddedDb, type EmbeddedDb } from './embedded';
import { ginIndexName, tableOf } from './gin-indexes';
import { advisoryLocksOf } from './write-lock';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
let db: EmbeddedDb;
let dir: string;
let uri: string;
let conn: Connection;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-pg-'));
  db = await startEmbeddedDb({ dataDir: dir, engine: 'postgresql', durable: false, dbName: 'racedb' });
  uri = db.uri;
  conn = await connectDb(uri);
});

afterAll(async () => {
  await conn?.close();
  await db?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the same burst in two worker processes released at the same moment; resolves with each one's report. */
async function race(kind: string, perProcess: number, id: string): Promise<{ done: number; winners?: number }[]> {
  const workers: ChildProcess[] = [0, 1].map(() =>
    spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'testing', 'race-worker.ts'), uri, kind, String(perProcess), id], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }),
  );
  const outputs = workers.map((w) => {
    let out = '';
    let err = '';
    w.stdout!.on('data', (d) => (out += d));
    w.stderr!.on('data', (d) => (err += d));
    const ready = new Promise<void>((resolve, reject) => {
      const check = () => (out.includes('ready\n') ? resolve() : undefined);
      w.stdout!.on('data', check);
      w.once('exit', (code) => reject(new Error(`worker exited ${code} before ready: ${err}`)));
    });
    const done = new Promise<{ done: number; winners?: number }>((resolve, reject) =>
      w.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n').filter(Boolean).pop()!)) : reject(new Error(`worker exited ${code}: ${err}`)))),
    );
    return { ready, done };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const w of workers) w.stdin!.end('go\n');
  return Promise.all(outputs.map((o) => o.done));
}

const raceColl = () => conn.db!.collection<{ _id: string; n?: number; status?: string; items?: string[]; group?: string }>('race');

describe('embedded FerretDB on PostgreSQL, two server processes', () => {
  it('has the connection take PostgreSQL advisory locks', () => {
    expect(db.engine).toBe('postgresql');
    expect(advisoryLocksOf(conn)).toBeDefined();
  });

  it('60 parallel $inc upserts on one counter from two processes end at exactly 60', async () => {
    const reports = await race('inc', 30, 'counter-a');
    expect(reports.map((r) => r.done)).toEqual([30, 30]);
    expect((await raceColl().findOne({ _id: 'counter-a' }))?.n).toBe(60);
  });

  it('20 parallel conditional transitions from two processes have exactly one winner', async () => {
    await raceColl().insertOne({ _id: 'ticket-a', status: 'accepted' });
    const reports = await race('transition', 10, 'ticket-a');
    expect(reports.reduce((n, r) => n + r.winners!, 0)).toBe(1);
    expect((await raceColl().findOne({ _id: 'ticket-a' }))?.status).toMatch(/^started-by-/);
  });

  it('raw-driver $push updates through lockedWrite keep all 40 entries', async () => {
    await raceColl().insertOne({ _id: 'list-a', items: [] });
    await race('push', 20, 'list-a');
    expect((await raceColl().findOne({ _id: 'list-a' }))?.items).toHaveLength(40);
  });

  it('collection-wide updateMany and per-document updates exclude each other: every increment kept', async () => {
    await raceColl().insertMany([{ _id: 'g-1', group: 'g', n: 0 }, { _id: 'g-2', group: 'g', n: 0 }]);
    // One process runs updateMany over the group while the other increments g-1 by _id.
    await Promise.all([race1('many', 15, 'g'), race1('one', 15, 'g-1')]);
    const g1 = await raceColl().findOne({ _id: 'g-1' });
    const g2 = await raceColl().findOne({ _id: 'g-2' });
    expect(g2?.n).toBe(15);
    expect(g1?.n).toBe(30);
  });
});

/** One worker process (the mixed test releases two different bursts). */
async function race1(kind: string, n: number, id: string): Promise<void> {
  const w = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'testing', 'race-worker.ts'), uri, kind, String(n), id], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  w.stderr!.on('data', (d) => (err += d));
  w.stdout!.on('data', (d) => String(d).includes('ready') && w.stdin!.end('go\n'));
  await new Promise<void>((resolve, reject) => w.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${kind} exited ${code}: ${err}`)))));
}

describe('GIN expression indexes from the mongoose index declarations', () => {
  const schema = new mongoose.Schema({ communityId: String, status: String, no: Number, place: { building: String } });
  schema.index({ communityId: 1, status: 1 });
  schema.index({ 'place.building': 1 });

  it('creates one per top-level equality field (and _id), which EXPLAIN shows PostgreSQL using for FerretDB\'s query form', async () => {
    const Inbox = conn.model('Inbox', schema, 'inbox');
    const docs = Array.from({ length: 3000 }, (_, i) => ({ communityId: `c${i % 30}`, status: i % 3 ? 'closed' : 'open', no: i }));
    await Inbox.insertMany(docs);
    await prepareIndexes(conn);
    const locks = advisoryLocksOf(conn)!;
    const table = (await tableOf(conn, 'inbox'))!;
    expect(table).toMatch(/^inbox_/);
    const names = (await locks.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2', ['racedb', table])).rows.map((r) => r.indexname);
    for (const f of ['_id', 'communityId', 'status']) expect(names).toContain(ginIndexName(table, f));
    expect(names).not.toContain(ginIndexName(table, 'place.building')); // dotted paths are never pushed down
    await locks.query(`ANALYZE racedb."${table}"`);
    // The form FerretDB 1.24 sends: the field name and the value as parameters (query.go filterEqual).
    const plan = (await locks.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT _jsonb FROM racedb."${table}" WHERE _jsonb->'communityId' @> '"c7"' AND _jsonb->'status' @> '"open"'`)).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(new RegExp(`Bitmap Index Scan on ${ginIndexName(table, 'communityId')}|Bitmap Index Scan on ${ginIndexName(table, 'status')}`));
    const client = await locks.session();
    try {
      await client.query(`PREPARE ferret_like(text, jsonb) AS SELECT _jsonb FROM racedb."${table}" WHERE _jsonb->$1 @> $2`);
      const prepared = (await client.query(`EXPLAIN EXECUTE ferret_like('communityId', '"c7"')`)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(prepared).toContain(`Bitmap Index Scan on ${ginIndexName(table, 'communityId')}`);
      await client.query('DEALLOCATE ferret_like');
    } finally {
      client.release();
    }
    // And the answer through FerretDB is the right one.
    expect(await Inbox.countDocuments({ communityId: 'c7', status: 'open' })).toBe(docs.filter((d) => d.communityId === 'c7' && d.status === 'open').length);
  });

  it('drops its index of a field no longer declared', async () => {
    const table = (await tableOf(conn, 'inbox'))!;
    conn.deleteModel('Inbox');
    const narrower = new mongoose.Schema({ communityId: String, status: String });
    narrower.index({ communityId: 1 });
    conn.model('Inbox', narrower, 'inbox');
    await prepareIndexes(conn);
    const names = (await advisoryLocksOf(conn)!.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2', ['racedb', table])).rows.map((r) => r.indexname);
    expect(names).toContain(ginIndexName(table, 'communityId'));
    expect(names).not.toContain(ginIndexName(table, 'status'));
  });
});

describe('update filters with a dotted path into an array (FerretDB pushes them down wrongly in updates)', () => {
  it('match by _id and without, for single and multi-document updates', async () => {
    const T = conn.model('Linked', new mongoose.Schema({ communityId: String, n: Number, linked: [{ _id: false, id: String, no: String }] }), 'linked');
    const a = await T.create({ communityId: 'c', n: 0, linked: [{ id: 'x', no: 'BM-1' }, { id: 'y', no: 'BM-2' }] });
    await T.create({ communityId: 'c', n: 0, linked: [{ id: 'y', no: 'BM-2' }] });
    const pulled = await T.findOneAndUpdate({ _id: a._id, communityId: 'c', 'linked.id': 'x' }, { $pull: { linked: { id: 'x', no: 'BM-1' } } }, { new: true }).lean();
    expect(pulled?.linked).toEqual([{ id: 'y', no: 'BM-2' }]);
    expect(await T.findOneAndUpdate({ _id: a._id, 'linked.id': 'x' }, { $inc: { n: 1 } })).toBeNull(); // no longer there
    expect((await T.updateMany({ communityId: 'c', 'linked.id': 'y' }, { $inc: { n: 1 } })).modifiedCount).toBe(2);
    expect((await T.updateOne({ 'linked.no': 'BM-2' }, { $inc: { n: 10 } })).modifiedCount).toBe(1);
    expect((await T.find({ communityId: 'c' }).lean()).map((d) => d.n ?? 0).sort((x, y) => x - y)).toEqual([1, 11]);
  });
});

describe('duplicate keys on FerretDB over PostgreSQL', () => {
  it('are recognised on insert (11000) and on update (FerretDB answers code 1)', async () => {
    const Staff = conn.model('DupStaff', new mongoose.Schema({ username: { type: String, unique: true } }), 'dupstaff');
    await Staff.init();
    await Staff.create({ username: 'a' });
    const other = await Staff.create({ username: 'b' });
    const onInsert = await Staff.create({ username: 'a' }).catch((e: unknown) => e);
    expect((onInsert as { code?: number }).code).toBe(11000);
    expect(isDuplicateKey(onInsert)).toBe(true);
    const onUpdate = await Staff.updateOne({ _id: other._id }, { $set: { username: 'a' } }).catch((e: unknown) => e);
    expect(onUpdate).toBeInstanceOf(Error);
    expect(isDuplicateKey(onUpdate)).toBe(true);
    expect(isDuplicateKey(new Error('connection reset'))).toBe(false);
    expect(isDuplicateKey(Object.assign(new Error('internal'), { code: 1 }))).toBe(false);
  });
});
