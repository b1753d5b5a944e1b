// GIN expression indexes PostgreSQL can use for FerretDB's pushed-down equality, made from the mongoose index declarations and kept in step with them (embedded PostgreSQL engine only).
//
// FerretDB 1.24 pushes a top-level equality down as `_jsonb->'field' @> '<json>'`; its own indexes are btree and never
// serve `@>`, so without these every query is a sequential scan. Each collection lives in a table named in FerretDB's
// metadata table `"<database>"._ferretdb_database_metadata` (`_jsonb->>'_id'` = collection, `_jsonb->>'table'` = table);
// the PostgreSQL schema is the MongoDB database's name. The 1.x line is final (1.24 is its last release), so this
// mapping does not move under us.
import crypto from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { advisoryLocksOf } from './write-lock';

/** Our indexes carry this prefix: the only ones this module creates or drops. */
const PREFIX = 'linli_gin_';
const METADATA_TABLE = '_ferretdb_database_metadata';

/** Top-level fields of the model's index declarations (dotted paths and text indexes are never pushed down), plus _id. */
export function equalityFields(model: Model<any>): string[] {
  const fields = new Set<string>(['_id']);
  for (const [spec] of model.schema.indexes()) {
    for (const [field, kind] of Object.entries(spec)) {
      if (kind === 'text' || field.includes('.') || field.startsWith('$')) continue;
      fields.add(field);
    }
  }
  return [...fields].sort();
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A stable name per (table, field) within 63 bytes. */
export const ginIndexName = (table: string, field: string) => `${PREFIX}${crypto.createHash('sha256').update(`${table}\0${field}`).digest('hex').slice(0, 24)}`;

/** The PostgreSQL table FerretDB keeps a collection in, and whether it is capped (another column); undefined before the collection exists. */
export async function tableInfo(conn: Connection, collection: string): Promise<{ table: string; capped: boolean } | undefined> {
  const locks = advisoryLocksOf(conn);
  if (!locks) return undefined;
  const r = await locks
    .query<{ t: string; c: string | null }>(`SELECT _jsonb->>'table' AS t, _jsonb->>'cappedSize' AS c FROM ${quoteIdent(conn.name)}.${METADATA_TABLE} WHERE _jsonb->>'_id' = $1`, [collection])
    .catch(() => undefined);
  const row = r?.rows[0];
  return row?.t ? { table: row.t, capped: Number(row.c ?? 0) > 0 } : undefined;
}

/** The PostgreSQL table FerretDB keeps a collection in, or undefined before the collection exists. */
export async function tableOf(conn: Connection, collection: string): Promise<string | undefined> {
  return (await tableInfo(conn, collection))?.table;
}

/**
 * For each model: creates the missing GIN index of each equality field on its collection's table and drops ours whose
 * field is no longer declared. One process at a time (an advisory lock), so two nodes starting together do not race.
 */
export async function syncGinIndexes(conn: Connection, models: Model<any>[]): Promise<void> {
  const locks = advisoryLocksOf(conn);
  if (!locks) return;
  await locks.with({ collection: `${conn.name}.__linli_gin_indexes` }, async () => {
    for (const model of models) {
      const collection = model.collection.collectionName;
      // mongoose's init created the collection with its indexes; one never initialised has no table yet.
      const table = await tableOf(conn, collection);
      if (!table) continue;
      const wanted = new Map(equalityFields(model).map((f) => [ginIndexName(table, f), f]));
      const existing = await locks.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexname LIKE $3', [conn.name, table, `${PREFIX}%`]);
      const have = new Set(existing.rows.map((r) => r.indexname));
      for (const [name, field] of wanted) {
        if (have.has(name)) continue;
        // jsonb_path_ops: smaller than the default opclass and serves exactly `@>`, the operator FerretDB generates.
        await locks.query(`CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(conn.name)}.${quoteIdent(table)} USING gin ((_jsonb->${quoteLiteral(field)}) jsonb_path_ops)`);
      }
      for (const name of have) if (!wanted.has(name)) await locks.query(`DROP INDEX IF EXISTS ${quoteIdent(conn.name)}.${quoteIdent(name)}`);
    }
  });
}
