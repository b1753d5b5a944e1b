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
import { cachedTableInfo, forgetTableOn, ident } from './sql-find';
import { advisoryLocksOf } from './write-lock';

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
  // A capped collection's table has another column: FerretDB writes those.
  const info = await cachedTableInfo(model.db, model.collection.collectionName);
  if (!info || info.capped) return undefined;
  const { table } = info;
  let inserted: Set<string>;
  try {
    // ON CONFLICT DO NOTHING with no target: a row hitting any unique index is skipped, as FerretDB's one-by-one retry would report it.
    const r = await locks.queryPrepared<{ id: unknown }>(
      `INSERT INTO ${ident(model.db.name)}.${ident(table)} (_jsonb) SELECT e FROM jsonb_array_elements($1::jsonb) AS e ON CONFLICT DO NOTHING RETURNING _jsonb->'_id' AS id`,
      [`[${rows.join(',')}]`],
    );
    inserted = new Set(r.rows.map((x) => JSON.stringify(x.id)));
  } catch (err) {
    if (!forgetTableOn(err, [model])) throw err;
    return undefined;
  }
  return keys.map((k) => (inserted.has(k) ? 'inserted' : 'duplicate'));
}
