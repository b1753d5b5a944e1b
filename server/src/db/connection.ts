// One mongoose connection per app instance (not the global one), so tests can run several servers in a process.
import mongoose, { type Connection } from 'mongoose';
import { writeLockPlugin } from './write-lock';

export async function connectDb(uri: string): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5000,
    autoIndex: true,
    maxPoolSize: 50,
  });
  conn.plugin(writeLockPlugin);
  await conn.asPromise();
  return conn;
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
