// Data migrations: once per database in id order, never twice when two nodes start together, retried after a failure, taken over from a dead node.
import type { Connection } from 'mongoose';
import { connectDb } from '../db/connection';
import { createLogger } from '../logger';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { runMigrations, type Migration } from './migrations';

const log = createLogger('silent');
const conns: Connection[] = [];
const open = async (uri: string) => {
  const c = await connectDb(uri);
  conns.push(c);
  return c;
};
afterAll(() => Promise.all(conns.map((c) => c.close())));

/** A migration that records each run (in a collection, so runs on every node are counted) after a pause. */
const counting = (id: string, pauseMs = 0): Migration => ({
  id,
  description: `test ${id}`,
  async up(conn) {
    await new Promise((r) => setTimeout(r, pauseMs));
    await conn.db!.collection('migration_runs').insertOne({ id, at: new Date() });
  },
});
const runs = async (conn: Connection) => (await conn.db!.collection('migration_runs').find({}, { sort: { at: 1 } }).toArray()).map((d) => d.id as string);

it('runs each migration once, in id order, and nothing on the next start', async () => {
  const conn = await open(testMongoUri(uniqueDbName('mig')));
  const list = [counting('2026-12-02-b'), counting('2026-12-01-a')];
  expect(await runMigrations(conn, list, log)).toEqual(['2026-12-01-a', '2026-12-02-b']);
  expect(await runMigrations(conn, list, log)).toEqual([]);
  // A later release adds one: only it runs.
  expect(await runMigrations(conn, [...list, counting('2026-12-03-c')], log)).toEqual(['2026-12-03-c']);
  expect(await runs(conn)).toEqual(['2026-12-01-a', '2026-12-02-b', '2026-12-03-c']);
  const done = await conn.db!.collection('migrations').find().toArray();
  expect(done.map((d) => d.state)).toEqual(['done', 'done', 'done']);
});

it('two nodes starting together run a migration once; the second waits for it', async () => {
  const uri = testMongoUri(uniqueDbName('mig2'));
  const [a, b] = [await open(uri), await open(uri)];
  const list = [counting('2026-12-01-slow', 400)];
  const [ranA, ranB] = await Promise.all([runMigrations(a, list, log, { pollMs: 50 }), runMigrations(b, list, log, { pollMs: 50 })]);
  expect([...ranA, ...ranB]).toEqual(['2026-12-01-slow']);
  expect(await runs(a)).toEqual(['2026-12-01-slow']);
});

it('a failed migration stops the start, leaves no claim, and runs again on the next start', async () => {
  const conn = await open(testMongoUri(uniqueDbName('mig3')));
  let fail = true;
  const flaky: Migration = {
    id: '2026-12-01-flaky',
    description: 'fails once',
    async up(c) {
      if (fail) throw new Error('disk full');
      await c.db!.collection('migration_runs').insertOne({ id: this.id, at: new Date() });
    },
  };
  const later = counting('2026-12-02-after');
  await expect(runMigrations(conn, [flaky, later], log)).rejects.toThrow(/2026-12-01-flaky failed: disk full/);
  expect(await conn.db!.collection('migrations').countDocuments()).toBe(0); // nothing after it ran either
  fail = false;
  expect(await runMigrations(conn, [flaky, later], log)).toEqual(['2026-12-01-flaky', '2026-12-02-after']);
});

it('takes over a migration whose node died during it (lease over), but not one still leased', async () => {
  const conn = await open(testMongoUri(uniqueDbName('mig4')));
  const col = conn.db!.collection<{ _id: string; state: string; owner: string; leaseUntil: Date }>('migrations');
  await col.insertOne({ _id: '2026-12-01-dead', state: 'running', owner: 'dead-node', leaseUntil: new Date(Date.now() - 1000) });
  expect(await runMigrations(conn, [counting('2026-12-01-dead')], log)).toEqual(['2026-12-01-dead']);
  await col.insertOne({ _id: '2026-12-01-busy', state: 'running', owner: 'live-node', leaseUntil: new Date(Date.now() + 60_000) });
  const waiting = runMigrations(conn, [counting('2026-12-01-busy')], log, { pollMs: 50 });
  await new Promise((r) => setTimeout(r, 300));
  expect(await runs(conn)).toEqual(['2026-12-01-dead']); // still waiting for the live node
  await col.updateOne({ _id: '2026-12-01-busy' }, { $set: { state: 'done' } }); // the live node finishes
  expect(await waiting).toEqual([]);
});

it('refuses two migrations with one id', async () => {
  const conn = await open(testMongoUri(uniqueDbName('mig5')));
  await expect(runMigrations(conn, [counting('x'), counting('x')], log)).rejects.toThrow(/declared twice/);
});
