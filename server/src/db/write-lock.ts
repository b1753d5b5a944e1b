// Serialises update-type operations on the embedded FerretDB: PostgreSQL advisory locks across processes (engine postgresql), a per-collection queue inside this process (engine sqlite).
//
// Why: FerretDB 1.24 applies findAndModify/update as read-modify-write without isolation on both backends (measured:
// 60 parallel `$inc` upserts left the counter at 1–8; 20 parallel conditional updates had 2–20 winners). Our
// correctness rests on single-document atomic updates — ticket numbers, optimistic status transitions, timer claims.
// On PostgreSQL every process takes the same advisory lock (advisory-lock.ts: by _id when the filter has one, else the
// whole collection), so several server processes behind one FerretDB are exactly correct. On SQLite only this process
// is serialised (run one server there). On MongoDB nothing is locked: its updates are atomic. Inserts are not locked:
// unique indexes hold there.
import type { Schema } from 'mongoose';
import type { Connection } from 'mongoose';
import type { AdvisoryLocks, LockScope } from './advisory-lock';
import { isBareIdOnly, narrowDottedFilter, narrowToId } from './bare-id';

const advisory = new WeakMap<Connection, AdvisoryLocks>();

/** From connectDb: this connection's FerretDB stores in PostgreSQL, reached directly through `locks`. */
export function useAdvisoryLocks(conn: Connection, locks: AdvisoryLocks): void {
  advisory.set(conn, locks);
}

export function advisoryLocksOf(conn: Connection): AdvisoryLocks | undefined {
  return advisory.get(conn);
}

/** The lock scope of an update filter: by _id when the filter names one plain _id, else the collection. */
export function scopeOf(dbName: string, collectionName: string, filter: Record<string, unknown> | undefined): LockScope {
  const id = filter?._id;
  const plain = typeof id === 'string' || typeof id === 'number' || (id && typeof id === 'object' && (id as { _bsontype?: string })._bsontype === 'ObjectId');
  return { collection: `${dbName}.${collectionName}`, id: plain ? String(id) : undefined };
}

/**
 * Runs a raw-driver update (`conn.db.collection(name).updateOne(filter, …)`) under the same lock the mongoose plugin
 * takes for that filter, so code outside mongoose's middleware stays correct across processes too.
 */
export async function lockedWrite<T>(conn: Connection, collectionName: string, filter: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
  const scope = scopeOf(conn.name, collectionName, filter);
  const locks = advisory.get(conn);
  if (locks) return locks.with(scope, fn);
  if (isBareIdOnly(conn)) return withLock(scope.collection, fn);
  return fn();
}

const tails = new Map<string, Promise<void>>();

/** Runs fn after every earlier holder of `key` has finished (a FIFO mutex per key). */
export async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const release = await acquire(key);
  try {
    return await fn();
  } finally {
    release();
  }
}

export function acquire(key: string): Promise<() => void> {
  const prev = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const tail = prev.then(() => mine);
  tails.set(key, tail);
  return prev.then(() => () => {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  });
}

const LOCKED_OPS = [
  'findOneAndUpdate',
  'updateOne',
  'updateMany',
  'findOneAndDelete',
  'findOneAndReplace',
  'replaceOne',
  'deleteOne',
  'deleteMany',
] as const;

type Held = { _linliRelease?: () => void };

/** Mongoose plugin: takes the lock before each update-type query on the embedded FerretDB, releases it after. */
export function writeLockPlugin(schema: Schema): void {
  for (const op of LOCKED_OPS) {
    schema.pre(op, async function (this: any) {
      const conn = this.model.db as Connection;
      if (!isBareIdOnly(conn)) return; // MongoDB: its own updates are atomic
      const scope = scopeOf(conn.name, this.model.collection.collectionName, this.getFilter());
      const locks = advisory.get(conn);
      if (locks) {
        // PostgreSQL pushes every top-level equality down (GIN indexes serve them): the filter runs as written, unless
        // it has a dotted key, which FerretDB's update path gets wrong for arrays (see narrowDottedFilter).
        const release = await locks.acquire(scope);
        (this as Held)._linliRelease = () => void release();
        try {
          await narrowDottedFilter(this);
        } catch (err) {
          (this as Held)._linliRelease = undefined;
          await release();
          throw err;
        }
        return;
      }
      (this as Held)._linliRelease = await acquire(scope.collection);
      // SQLite, under the lock: a conditional update by _id becomes a primary-key update (see bare-id.ts). Should the
      // rewrite itself fail, the query runs as written (correct, only slower).
      await narrowToId(this).catch(() => undefined);
    });
    schema.post(op, function (this: any) {
      (this as Held)._linliRelease?.();
      (this as Held)._linliRelease = undefined;
    });
    schema.post(op, function (this: any, _err: unknown, _res: unknown, next: (e?: unknown) => void) {
      (this as Held)._linliRelease?.();
      (this as Held)._linliRelease = undefined;
      next(_err);
    } as any);
  }
}
