// One mongoose connection per app instance (not the global one), so tests can run several servers in a process.
import mongoose, { type Connection } from 'mongoose';
import { bareIdReadPlugin, detectBareIdOnly } from './bare-id';
import { writeLockPlugin } from './write-lock';

export async function connectDb(uri: string): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5000,
    autoIndex: true,
    maxPoolSize: 50,
  });
  conn.plugin(writeLockPlugin);
  conn.plugin(bareIdReadPlugin);
  await conn.asPromise();
  await detectBareIdOnly(conn);
  return conn;
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

/** Mongo duplicate-key error (unique index or _id clash). */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}
