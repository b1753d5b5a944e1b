// Socket.io events across server nodes on the embedded PostgreSQL engine: @socket.io/postgres-adapter (LISTEN/NOTIFY) on the connection's direct pool, so an event emitted on one node reaches the sockets of every node — no new service.
import { createAdapter } from '@socket.io/postgres-adapter';
import type { Connection } from 'mongoose';
import { advisoryLocksOf } from '../db/write-lock';
import type { Io } from './io';

/** Payloads too large for a NOTIFY go through this table (the adapter removes rows older than 30 s). */
const TABLE = 'socket_io_attachments';

/** Channel prefix per MongoDB database: nodes of one deployment share it; test suites on one cluster never hear each other. */
export const channelPrefix = (conn: Connection) => `linli.${conn.name}`;

/** Wires the adapter when this connection's FerretDB stores in PostgreSQL; returns whether it did. */
export async function shareEventsAcrossNodes(io: Io, conn: Connection, onError: (err: Error) => void): Promise<boolean> {
  const locks = advisoryLocksOf(conn);
  if (!locks) return false;
  // In PostgreSQL's public schema: FerretDB ignores schemas without its metadata table.
  await locks.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`);
  io.adapter(createAdapter(locks.pgPool, { tableName: TABLE, channelPrefix: channelPrefix(conn), errorHandler: onError }));
  return true;
}

/** How many nodes listen for this database's events right now (each node's adapter holds one LISTEN session). */
export async function listeningNodes(conn: Connection): Promise<number> {
  const locks = advisoryLocksOf(conn);
  if (!locks) return 0;
  const r = await locks.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1", [`LISTEN "${channelPrefix(conn)}#/"`]);
  return r.rows[0]!.n;
}
