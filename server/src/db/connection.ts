// One mongoose connection per app instance (not the global one), so tests can run several servers in a process.
import mongoose, { type Connection } from 'mongoose';
import { AdvisoryLocks } from './advisory-lock';
import { bareIdReadPlugin, detectBareIdOnly, isBareIdOnly } from './bare-id';
import { postgresBehind } from './embedded';
import { syncGinIndexes } from './gin-indexes';
import { useAdvisoryLocks, writeLockPlugin } from './write-lock';

/** The unix socket a mongodb:// URI names as its host (the embedded FerretDB's form), if it names one. */
export function socketPathOf(uri: string): string | undefined {
  const host = /^mongodb:\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri)?.[1];
  const decoded = host && decodeURIComponent(host);
  return decoded?.startsWith('/') ? decoded : undefined;
}

export async function connectDb(uri: string): Promise<Connection> {
  // mongoose keeps `new Error().stack` of every query it runs, only to name the caller of a query executed twice; with
  // source maps on (tsx, --enable-source-maps) that stack is mapped on every query (6 % of the server in a 200-SOS burst).
  mongoose.set('skipOriginalStackTraces', true);
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5000,
    autoIndex: true,
    maxPoolSize: 50,
  });
  conn.plugin(writeLockPlugin);
  conn.plugin(bareIdReadPlugin);
  await conn.asPromise();
  await detectBareIdOnly(conn);
  // The embedded FerretDB over PostgreSQL: a direct pool to the same cluster for advisory locks and GIN indexes.
  const socket = socketPathOf(uri);
  const pgAddress = socket && isBareIdOnly(conn) ? postgresBehind(socket) : undefined;
  if (pgAddress) {
    const locks = new AdvisoryLocks(pgAddress);
    useAdvisoryLocks(conn, locks);
    conn.once('close', () => void locks.end().catch(() => undefined));
  }
  return conn;
}

/**
 * After the features registered their models: waits for mongoose's index builds, then (embedded PostgreSQL) keeps the
 * GIN expression indexes PostgreSQL can use in step with them. A model whose indexes fail to build is reported, not fatal.
 */
export async function prepareIndexes(conn: Connection, onError: (model: string, err: Error) => void = () => undefined): Promise<void> {
  const models = Object.values(conn.models);
  const results = await Promise.allSettled(models.map((m) => m.init()));
  results.forEach((r, i) => r.status === 'rejected' && onError(models[i]!.modelName, r.reason as Error));
  await syncGinIndexes(conn, models.filter((_, i) => results[i]!.status === 'fulfilled'));
}

/**
 * Waits until the database answers a ping (a supervised database may still be starting, or restarting), trying every
 * second for up to timeoutMs; throws after that so the process exits and its supervisor restarts it.
 */
export async function waitForDb(uri: string, timeoutMs: number, onWait: (elapsedMs: number, err: Error) => void): Promise<void> {
  const start = Date.now();
  for (;;) {
    const conn = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 1000, autoIndex: false, maxPoolSize: 1 });
    try {
      await conn.asPromise();
      await conn.db!.command({ ping: 1 });
      return;
    } catch (err) {
      const elapsed = Date.now() - start;
      if (elapsed >= timeoutMs) throw new Error(`database unreachable for ${Math.round(elapsed / 1000)} s: ${(err as Error).message}`);
      onWait(elapsed, err as Error);
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await conn.close().catch(() => undefined);
    }
  }
}

export async function pingDb(conn: Connection, timeoutMs = 1500): Promise<boolean> {
  if (conn.readyState !== 1 || !conn.db) return false;
  try {
    await Promise.race([
      conn.db.command({ ping: 1 }),
      new Promise((_, rej) => setTimeout(() => rej(new Error('ping timeout')), timeoutMs)),
    ]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Duplicate-key error (unique index or _id clash): MongoDB's code 11000 — and FerretDB's answer to a unique violation
 * caused by an *update*, which 1.24 returns as code 1 (InternalError) carrying PostgreSQL's or SQLite's own message.
 */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: number; message?: string; errmsg?: string } | undefined;
  if (e?.code === 11000) return true;
  return e?.code === 1 && /duplicate key|unique constraint|UNIQUE constraint failed|E11000/i.test(`${e.errmsg ?? ''} ${e.message ?? ''}`);
}

/**
 * Every failure of an insert — each write error of an unordered insertMany, or the single error — is a duplicate key:
 * what an idempotent batch (rows keyed by what they are) may ignore. Any other failure must surface.
 */
export function isOnlyDuplicateKeys(err: unknown): boolean {
  const e = err as { writeErrors?: Array<{ code?: number; errmsg?: string; err?: { code?: number; errmsg?: string } }> } | undefined;
  if (e?.writeErrors?.length) return e.writeErrors.every((w) => isDuplicateKey({ code: w.code ?? w.err?.code, errmsg: w.errmsg ?? w.err?.errmsg }));
  return isDuplicateKey(err);
}
