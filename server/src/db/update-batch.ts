// Group commit for by-_id updates on the embedded engine: those asked for in the same turn of the event loop go to PostgreSQL as one query (one round trip, one commit) instead of one each, each caller still getting its own answer.
//
// Why: a chattering sensor's dedupe bump runs on every device event; at 500 events/s one round trip and one commit each
// was most of the counted step's cost (db/sql-update.ts writes one update in one round trip already). The texts run in one
// implicit transaction in the order of their lock statements, so two batches (two nodes) take their locks in the same
// order and never wait for each other in a cycle; a second update of the same document in a batch sees the first.
import type { Connection, Types } from 'mongoose';
import type pg from 'pg';
import { byIdStatements, sqlUpdateById, type AlsoWhere, type ByIdStatements, type ByIdUpdate } from './sql-update';
import { forgetTableOn } from './sql-find';
import { advisoryLocksOf } from './write-lock';

/** At most this many updates per query; more wait for the next one. */
const MAX_BATCH = 200;

type Answer = Record<string, unknown> | null | undefined;

interface Pending {
  collection: string;
  id: Types.ObjectId | string | number;
  update: ByIdUpdate;
  returnDocument: 'before' | 'after';
  also?: AlsoWhere;
  resolve: (a: Answer) => void;
  reject: (e: unknown) => void;
}

const queues = new WeakMap<Connection, Pending[]>();

/**
 * sqlUpdateById, written together with the other by-_id updates asked for in this turn. Answers as sqlUpdateById does:
 * undefined when the driver must write it (not the embedded engine, a shape or stored type left to MongoDB's rules).
 */
export function sqlUpdateByIdBatched(
  conn: Connection,
  collection: string,
  id: Types.ObjectId | string | number,
  update: ByIdUpdate,
  returnDocument: 'before' | 'after',
  also?: AlsoWhere,
): Promise<Answer> {
  if (!advisoryLocksOf(conn)) return Promise.resolve(undefined);
  return new Promise<Answer>((resolve, reject) => {
    let q = queues.get(conn);
    if (!q) {
      q = [];
      queues.set(conn, q);
      setImmediate(() => void flush(conn));
    }
    q.push({ collection, id, update, returnDocument, also, resolve, reject });
  });
}

async function flush(conn: Connection): Promise<void> {
  const all = queues.get(conn) ?? [];
  queues.delete(conn);
  for (let i = 0; i < all.length; i += MAX_BATCH) await write(conn, all.slice(i, i + MAX_BATCH));
}

async function write(conn: Connection, all: Pending[]): Promise<void> {
  if (all.length === 1) {
    const p = all[0]!;
    return sqlUpdateById(conn, p.collection, p.id, p.update, p.returnDocument, p.also).then(p.resolve, p.reject);
  }
  const batch: Array<{ p: Pending; st: ByIdStatements }> = [];
  for (const p of all) {
    try {
      const st = await byIdStatements(conn, p.collection, p.id, p.update, p.also);
      if (st) batch.push({ p, st });
      else p.resolve(undefined);
    } catch (err) {
      p.reject(err);
    }
  }
  if (!batch.length) return;
  // Stable: two updates of one document keep the order they were asked in.
  batch.sort((a, b) => (a.st.lockOrder < b.st.lockOrder ? -1 : a.st.lockOrder > b.st.lockOrder ? 1 : 0));
  let results: pg.QueryResult[];
  try {
    const r = (await advisoryLocksOf(conn)!.query(batch.map((b) => b.st.text).join('; '))) as unknown as pg.QueryResult | pg.QueryResult[];
    results = Array.isArray(r) ? r : [r];
  } catch (err) {
    // A collection dropped and made again has a new table: the whole batch goes through the driver (nothing was written).
    if (forgetTableOn(err, batch.map((b) => ({ db: conn, collection: { collectionName: b.p.collection } })))) return void batch.forEach((b) => b.p.resolve(undefined));
    return void batch.forEach((b) => b.p.reject(err));
  }
  batch.forEach((b, i) => {
    try {
      b.p.resolve(b.st.read(results.slice(3 * i, 3 * i + 3), b.p.returnDocument));
    } catch (err) {
      b.p.reject(err);
    }
  });
}
