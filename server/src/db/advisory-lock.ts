// PostgreSQL advisory locks on a direct pool to the embedded engine's cluster: what makes FerretDB's read-modify-write updates correct across processes.
//
// FerretDB 1.24 reads the document outside any transaction and writes it back by _id with no re-check (measured: 60
// parallel $inc upserts ended at 1–5, 20 conditional updates had 2–20 winners, with one or two Node processes). Every
// process that writes through the same FerretDB takes the same PostgreSQL lock around each update-type operation, so
// updates of one document run one at a time whichever process sends them.
//
// Two levels, so a per-document update and a collection-wide one never run together:
//   by _id        → shared lock on the collection + exclusive lock on (collection, _id)
//   anything else → exclusive lock on the collection (a filter without a key may match any document)
import crypto from 'node:crypto';
import pg from 'pg';
import type { PgAddress } from './postgres-cluster';

/** Direct connections per process: each waiting or holding operation uses one; the rest wait in the pool's queue. */
const POOL_SIZE = 20;
/** A holder that never lets go (a hung process) fails the waiters' operations instead of freezing every process. */
const LOCK_TIMEOUT_MS = 30_000;
/** Distinct prepared statement texts per process (shapes × collections: a few dozen in practice). */
const MAX_PREPARED = 500;

export interface LockScope {
  /** `<database>.<collection>` */
  collection: string;
  /** The document's _id when the operation is by _id; undefined locks the whole collection. */
  id?: string;
}

export class AdvisoryLocks {
  private readonly pool: pg.Pool;
  private readonly prepared = new Map<string, string>();

  constructor(address: PgAddress) {
    this.pool = new pg.Pool({ ...address, max: POOL_SIZE, idleTimeoutMillis: 10_000, options: `-c lock_timeout=${LOCK_TIMEOUT_MS}` });
    // A connection that dies (PostgreSQL restarted under a live server) must not crash the process: an idle one is
    // dropped by the pool; a checked-out one (a held lock, the Socket.io adapter's LISTEN session) has no listener of its
    // own, so every client gets one here — its pending query rejects, and the adapter reconnects on 'end'.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  /** Takes the scope's locks; resolves with the function that releases them. */
  async acquire(scope: LockScope): Promise<() => Promise<void>> {
    const client = await this.pool.connect();
    try {
      const col = collectionKey(scope.collection);
      if (scope.id === undefined) await client.query('SELECT pg_advisory_lock($1::bigint)', [col]);
      else await client.query('SELECT pg_advisory_lock_shared($1::bigint), pg_advisory_lock($2::int, $3::int)', [col, int32(`c:${scope.collection}`), int32(`d:${scope.id}`)]);
    } catch (err) {
      client.release(true); // a session in an unknown lock state never goes back to the pool
      throw err;
    }
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      try {
        await client.query('SELECT pg_advisory_unlock_all()');
        client.release();
      } catch {
        client.release(true); // closing the session releases its locks too
      }
    };
  }

  async with<T>(scope: LockScope, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(scope);
    try {
      return await fn();
    } finally {
      await release();
    }
  }

  /**
   * The statement taking the scope's locks until the end of the transaction it runs in (the same keys as acquire, so it
   * excludes and is excluded by every holder of those): for one-round-trip writes sent as `lock; write` (db/sql-update.ts).
   */
  xactLockStatement(scope: LockScope): string {
    const col = collectionKey(scope.collection);
    if (scope.id === undefined) return `SELECT pg_advisory_xact_lock(${col}::bigint)`;
    return `SELECT pg_advisory_xact_lock_shared(${col}::bigint), pg_advisory_xact_lock(${int32(`c:${scope.collection}`)}, ${int32(`d:${scope.id}`)})`;
  }

  /** A direct query on the cluster (GIN index upkeep, EXPLAIN in tests). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(text, values);
  }

  /**
   * A query the server sends again and again with other values (a by-_id read, a batch insert): prepared once per pooled
   * session under a name made from its text, so PostgreSQL parses and plans it once, not on every request. Only for texts
   * from a bounded set (no literals inlined); beyond MAX_PREPARED distinct texts the rest run unprepared.
   */
  queryPrepared<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    let name = this.prepared.get(text);
    if (!name && this.prepared.size < MAX_PREPARED) {
      name = `linli_${crypto.createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      this.prepared.set(text, name);
    }
    return name ? this.pool.query<R>({ name, text, values }) : this.pool.query<R>(text, values);
  }

  /** The pool itself, for what shares this connection's PostgreSQL (the Socket.io adapter's LISTEN/NOTIFY). */
  get pgPool(): pg.Pool {
    return this.pool;
  }

  /** One pooled session of its own (PREPARE / EXPLAIN EXECUTE in tests); release it when done. */
  session(): Promise<pg.PoolClient> {
    return this.pool.connect();
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
/** 64-bit key of a collection (the one-argument lock space). */
const collectionKey = (name: string) => digest(name).readBigInt64BE(0).toString();
/** 32-bit halves of the two-argument lock space; a collision only makes two documents wait for each other. */
const int32 = (s: string) => digest(s).readInt32BE(0);
