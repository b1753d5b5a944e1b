// Serialises update-type operations per collection within this process.
//
// Why: FerretDB 1.24 over SQLite applies findAndModify/update as read-modify-write without isolation
// (measured here: 60 parallel `$inc` upserts left the counter at 6; 20 parallel conditional updates had
// 3 winners). Our correctness rests on single-document atomic updates — ticket numbers, optimistic
// status transitions, timer claims — so every update runs alone per collection in this process. On
// MongoDB this is merely conservative; across several nodes MongoDB's own atomicity takes over
// (the embedded FerretDB is single-node by design). Inserts are not locked: unique indexes hold there.
import type { Schema } from 'mongoose';
import { isBareIdOnly, narrowToId } from './bare-id';

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

/** Mongoose plugin: takes the collection's lock before each update-type query, releases it after. */
export function writeLockPlugin(schema: Schema): void {
  for (const op of LOCKED_OPS) {
    schema.pre(op, async function (this: any) {
      const key = `${this.model.db.name}.${this.model.collection.collectionName}`;
      (this as Held)._linliRelease = await acquire(key);
      if (isBareIdOnly(this.model.db)) {
        // Under the lock: a conditional update by _id becomes a primary-key update (see bare-id.ts). Should the
        // rewrite itself fail, the query runs as written (correct, only slower).
        await narrowToId(this).catch(() => undefined);
      }
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
