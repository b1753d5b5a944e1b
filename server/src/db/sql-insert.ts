// Inserts written straight into FerretDB's PostgreSQL table in its own stored format, on the embedded engine; undefined elsewhere so the caller lets the driver insert.
//
// Why: every insert through FerretDB costs a BSON round trip, FerretDB's decoding and re-encoding, and its own
// transaction; the hot paths (tickets, alerts, deliveries, timers) insert on every request. PostgreSQL enforces the same
// unique indexes FerretDB made (its insert handler maps any unique violation to E11000), and the row is exactly what
// FerretDB would have written (db/pjson.ts encodeDocument, oracle-tested against FerretDB's own rows), so FerretDB reads
// it back as its own. A document the encoder does not vouch for, a collection not yet created, a capped one or a batch
// repeating an `_id` is left to the driver.
import type { Model } from 'mongoose';
import { encodeDocument } from './pjson';
import { ident } from './sql-find';
import { advisoryLocksOf } from './write-lock';

const METADATA_TABLE = '_ferretdb_database_metadata';

/** Per connection: collection → its table, for collections that exist and are not capped (capped tables have another column). */
const tables = new WeakMap<object, Map<string, string>>();

async function insertableTable(model: Model<any>): Promise<string | undefined> {
  const conn = model.db;
  const locks = advisoryLocksOf(conn)!;
  const collection = model.collection.collectionName;
  let known = tables.get(conn);
  if (!known) tables.set(conn, (known = new Map()));
  const cached = known.get(collection);
  if (cached) return cached;
  const r = await locks
    .query<{ t: string; capped: string | null }>(
      `SELECT _jsonb->>'table' AS t, _jsonb->>'cappedSize' AS capped FROM ${ident(conn.name)}.${METADATA_TABLE} WHERE _jsonb->>'_id' = $1`,
      [collection],
    )
    .catch(() => undefined);
  const row = r?.rows[0];
  if (!row?.t || Number(row.capped ?? 0) > 0) return undefined;
  known.set(collection, row.t);
  return row.t;
}

export type InsertOutcome = 'inserted' | 'duplicate';

/**
 * Inserts the documents (as the driver would send them: plain objects with `_id`) in one statement; per document whether
 * it went in or hit a unique index (what MongoDB reports as E11000). Undefined when this is not the embedded engine or
 * PostgreSQL cannot take this batch as FerretDB would: nothing was written then.
 */
export async function sqlInsert(model: Model<any>, docs: Record<string, unknown>[]): Promise<InsertOutcome[] | undefined> {
  const locks = advisoryLocksOf(model.db);
  if (!locks || !docs.length) return undefined;
  const rows: string[] = [];
  const keys: string[] = [];
  for (const d of docs) {
    const row = encodeDocument(d);
    if (!row) return undefined;
    rows.push(row.text);
    // The stored `_id` as PostgreSQL returns it (ObjectIds as hex): matched against RETURNING below.
    keys.push(JSON.stringify(row.id));
  }
  if (new Set(keys).size !== keys.length) return undefined; // a repeated _id within the batch: FerretDB reports it its way
  const table = await insertableTable(model);
  if (!table) return undefined;
  let inserted: Set<string>;
  try {
    // ON CONFLICT DO NOTHING with no target: a row hitting any unique index is skipped, as FerretDB's one-by-one retry would report it.
    const r = await locks.queryPrepared<{ id: unknown }>(
      `INSERT INTO ${ident(model.db.name)}.${ident(table)} (_jsonb) SELECT e FROM jsonb_array_elements($1::jsonb) AS e ON CONFLICT DO NOTHING RETURNING _jsonb->'_id' AS id`,
      [`[${rows.join(',')}]`],
    );
    inserted = new Set(r.rows.map((x) => JSON.stringify(x.id)));
  } catch (err) {
    if ((err as { code?: string }).code !== '42P01') throw err;
    tables.get(model.db)?.delete(model.collection.collectionName); // dropped and made again under another name
    return undefined;
  }
  return keys.map((k) => (inserted.has(k) ? 'inserted' : 'duplicate'));
}
