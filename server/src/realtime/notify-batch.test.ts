// NOTIFYs sent through the batching facade in one turn reach a listener all, in order, duplicates included, in far fewer statements; other queries pass through.
import type { Connection } from 'mongoose';
import type pg from 'pg';
import { connectDb } from '../db/connection';
import { advisoryLocksOf } from '../db/write-lock';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { batchingNotifies } from './notify-batch';

jest.setTimeout(60_000);
let conn: Connection;
let listener: pg.PoolClient | undefined;

beforeAll(async () => {
  conn = await connectDb(testMongoUri(uniqueDbName('notify')));
});
afterAll(async () => {
  listener?.release();
  await conn.close();
});

it('250 notifies in one turn (with repeated payloads) arrive all and in the order sent, in a few statements', async () => {
  const locks = advisoryLocksOf(conn);
  if (!locks) return; // MongoDB: no PostgreSQL, the adapter is Redis's or none
  const channel = `linli.test.${conn.name}`;
  listener = await locks.session();
  const heard: string[] = [];
  listener.on('notification', (m) => heard.push(m.payload!));
  await listener.query(`LISTEN "${channel}"`);
  const pool = locks.pgPool;
  const spy = jest.spyOn(pool, 'query');
  const facade = batchingNotifies(pool);
  // Every tenth payload repeats the one before it: PostgreSQL folds identical ones within one transaction.
  const payloads = Array.from({ length: 250 }, (_, i) => JSON.stringify({ n: i % 10 === 9 ? i - 1 : i }));
  await Promise.all(payloads.map((p) => facade.query('SELECT pg_notify($1, $2)', [channel, p])));
  const notifyCalls = spy.mock.calls.filter(([text]) => String(text).includes('pg_notify')).length;
  // 100 per statement at most, and a repeat closes a statement (PostgreSQL would fold it): 250 with 25 repeats → ≤ 26.
  expect(notifyCalls).toBeGreaterThanOrEqual(3);
  expect(notifyCalls).toBeLessThanOrEqual(26);
  const deadline = Date.now() + 5000;
  while (heard.length < 250 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(heard).toEqual(payloads); // all of them, repeats included, in the order sent
  // Anything else is the pool's own query.
  const r = await facade.query('SELECT 41 + 1 AS n');
  expect(r.rows[0].n).toBe(42);
  spy.mockRestore();
});
