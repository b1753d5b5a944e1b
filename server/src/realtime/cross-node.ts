// Socket.io events across server nodes: @socket.io/postgres-adapter (LISTEN/NOTIFY) on the embedded engine's own PostgreSQL (no new service), or @socket.io/redis-adapter when REDIS_URL is set (MongoDB has no NOTIFY), so an event emitted on one node reaches the sockets of every node.
import { createAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Connection } from 'mongoose';
import { advisoryLocksOf } from '../db/write-lock';
import type { Io } from './io';
import { loneNode } from './lone-node';
import { batchingNotifies } from './notify-batch';

/** Payloads too large for a NOTIFY go through this table (the adapter removes rows older than 30 s). */
const TABLE = 'socket_io_attachments';
/** How often a node counts the nodes listening (see lone-node.ts). */
const COUNT_EVERY_MS = 1_000;

/** Channel prefix per MongoDB database: nodes of one deployment share it; test suites on one cluster never hear each other. */
export const channelPrefix = (conn: Connection) => `linli.${conn.name}`;

/**
 * Wires an adapter: Redis when `redisUrl` is given, else PostgreSQL when this connection's FerretDB stores there. Answers
 * what to call at shutdown, or null when this node shares no events (one node, e.g. MongoDB without Redis).
 */
export async function shareEventsAcrossNodes(io: Io, conn: Connection, redisUrl: string | undefined, onError: (err: Error) => void): Promise<(() => Promise<void>) | null> {
  if (redisUrl) {
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on('error', onError);
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createRedisAdapter(pub, sub, { key: channelPrefix(conn) }));
    return async () => {
      await Promise.all([pub.quit(), sub.quit()]).catch(() => undefined);
    };
  }
  const locks = advisoryLocksOf(conn);
  if (!locks) return null;
  // In PostgreSQL's public schema: FerretDB ignores schemas without its metadata table. Under a lock: IF NOT EXISTS is no
  // guard against a concurrent CREATE (the loser fails on pg_class's unique index), and every node on the cluster runs this.
  await locks.with({ collection: `__linli.${TABLE}` }, () => locks.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`));
  const lone = loneNode();
  io.adapter(lone.wrap(createAdapter(batchingNotifies(locks.pgPool), { tableName: TABLE, channelPrefix: channelPrefix(conn), errorHandler: onError })));
  let counting = true;
  const count = () =>
    listeningNodes(conn).then(
      (n) => counting && lone.listened(n),
      () => undefined, // a stale count expires by itself: broadcasts are published again
    );
  void count();
  const timer = setInterval(() => void count(), COUNT_EVERY_MS);
  timer.unref();
  return async () => {
    counting = false;
    clearInterval(timer); // the pool closes with the connection
  };
}

/** How many nodes listen for this database's events right now (each node's adapter holds one LISTEN session). */
export async function listeningNodes(conn: Connection): Promise<number> {
  const locks = advisoryLocksOf(conn);
  if (!locks) return 0;
  const r = await locks.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1", [`LISTEN "${channelPrefix(conn)}#/"`]);
  return r.rows[0]!.n;
}
