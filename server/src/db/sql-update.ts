// One-document updates by _id written by PostgreSQL itself on the embedded engine, in one round trip under the same advisory locks as every other update; undefined elsewhere so the caller updates through the driver.
//
// Why: a hot update through FerretDB costs a lock round trip, FerretDB's read of the document, its re-encoding and write
// (outside any transaction: hence the lock), and an unlock round trip — the dedupe bump of a chattering sensor runs on
// every event. Here the lock, the before-image (FOR UPDATE) and the UPDATE go as one simple-protocol query, which
// PostgreSQL runs as one implicit transaction in order: the transaction-level lock is taken before the row is touched and
// held until commit, so an update through FerretDB of the same document (which holds the session-level lock of the same
// keys around its read and write) never interleaves with it. Only what keeps MongoDB's meaning exactly is written:
// top-level fields; `$set` of any value the pjson encoder takes; `$inc` of numbers (int32 + int32 → int32 while it fits;
// any double → double, in IEEE arithmetic); `$max` of dates. A stored value of another type (MongoDB's answer
// would be an error or a cross-type comparison) matches no row, nothing changes, and the caller goes through the driver.
// `$push` appends one value to a top-level array, `$addToSet` one string, `$unset` removes fields. Conditions besides `_id` (the status a transition expects) are those
// sql-find translates, written into the same statement.
import type { Connection, FilterQuery, Model, Types } from 'mongoose';
import pg from 'pg';
import { decodeDocument, encodeValue } from './pjson';
import { cachedTable, forgetTableOn, ident, sqlCondition } from './sql-find';
import { advisoryLocksOf, scopeOf } from './write-lock';

export interface ByIdUpdate {
  $set?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $max?: Record<string, Date>;
  /** One value appended to an array (no `$each`). */
  $push?: Record<string, unknown>;
  /** One string added to an array of strings unless it is there (no `$each`). */
  $addToSet?: Record<string, string>;
  $unset?: Record<string, unknown>;
}

/** Conditions besides `_id` (a status the transition expects), on the model's schema-typed scalar fields. */
export interface AlsoWhere {
  model: Model<any>;
  filter: FilterQuery<any>;
}

/** A parameter of a translated condition written as a literal (this statement goes by the simple protocol). */
function inline(v: unknown): string {
  if (Array.isArray(v)) return `ARRAY[${v.map((x) => pg.escapeLiteral(String(x))).join(', ')}]`;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return pg.escapeLiteral(String(v));
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const lit = (json: unknown) => `${pg.escapeLiteral(JSON.stringify(json))}::jsonb`;
const INT32 = (n: number) => Number.isSafeInteger(n) && n <= 0x7fffffff && n >= -0x80000000 && !Object.is(n, -0);

/**
 * The row with top-level fields set to new values and types (SQL expressions over the row as it was), new fields appended
 * to the stored key order — one expression, each value computed once from the old row.
 */
function withFields(entries: { f: string; value: string; type: string }[], unset: string[]): string {
  // FerretDB (like MongoDB 5.0+) applies an update's fields in lexicographic order, so new ones are appended that way.
  entries = [...entries].sort((a, b) => (a.f < b.f ? -1 : a.f > b.f ? 1 : 0));
  const values = entries.map((x) => `'${x.f}', ${x.value}`).join(', ');
  const types = entries.map((x) => `'${x.f}', ${x.type}`).join(', ');
  const names = `ARRAY[${entries.map((x) => `'${x.f}'`).join(', ')}]::text[]`;
  const gone = `ARRAY[${unset.map((f) => `'${f}'`).join(', ')}]::text[]`;
  const added = `COALESCE((SELECT jsonb_agg(k ORDER BY n) FROM unnest(${names}) WITH ORDINALITY AS x(k, n) WHERE NOT _jsonb ? k), '[]'::jsonb)`;
  return `(_jsonb - ${gone}) || jsonb_build_object(${values}) || jsonb_build_object('$s', jsonb_build_object('p', ((_jsonb->'$s'->'p') - ${gone}) || jsonb_build_object(${types}), '$k', ((_jsonb->'$s'->'$k') - ${gone}) || ${added}))`;
}

/** One by-_id update as the statements that write it (lock, before-image, update), and how to read their three results. */
export interface ByIdStatements {
  /** `lock; SELECT … FOR UPDATE; UPDATE … RETURNING` — run alone or after other such texts in one implicit transaction. */
  text: string;
  /** The scope's lock statement: texts sent together go in this order, so two batches never wait for each other's locks. */
  lockOrder: string;
  /** As sqlUpdateById answers, from this update's three results. */
  read(results: pg.QueryResult[], returnDocument: 'before' | 'after'): Record<string, unknown> | null | undefined;
}

/**
 * The statements applying `update` to the document `_id` of the collection, or undefined when this is not the embedded
 * engine, the update has a shape not written here, or the collection has no table yet (the driver writes it then).
 */
export async function byIdStatements(conn: Connection, collection: string, id: Types.ObjectId | string | number, update: ByIdUpdate, also?: AlsoWhere): Promise<ByIdStatements | undefined> {
  const locks = advisoryLocksOf(conn);
  if (!locks) return undefined;
  let condition = 'true';
  if (also) {
    const c = sqlCondition(also.model, also.filter);
    if (!c) return undefined;
    condition = c.text.replace(/\$(\d+)/g, (_, n: string) => inline(c.values[Number(n) - 1]));
  }
  const key = encodeValue(id);
  if (!key || (key.t.t !== 'objectId' && key.t.t !== 'string' && key.t.t !== 'int' && key.t.t !== 'double')) return undefined;
  const fields = new Set<string>();
  const known = (f: string) => FIELD.test(f) && f !== '_id' && !fields.has(f) && !!fields.add(f);
  const entries: { f: string; value: string; type: string }[] = [];
  const unset: string[] = [];
  const guards: string[] = [];
  for (const [op, spec] of Object.entries(update)) {
    for (const [f, v] of Object.entries(spec ?? {})) {
      if (!known(f)) return undefined;
      const stored = `_jsonb->'$s'->'p'->'${f}'->>'t'`;
      if (op === '$set') {
        const e = encodeValue(v);
        if (!e) return undefined;
        entries.push({ f, value: lit(e.v), type: lit(e.t) });
      } else if (op === '$inc') {
        if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
        const incType = INT32(v) ? 'int' : 'double';
        const was = `COALESCE(${stored}, 'int')`;
        const type = `(CASE WHEN ${was} = 'double' OR '${incType}' = 'double' THEN 'double' WHEN ${was} = 'long' THEN 'long' ELSE 'int' END)`;
        const sum = `(COALESCE((_jsonb->>'${f}')::numeric, 0) + ${v})`;
        const value = `(CASE WHEN ${type} = 'double' THEN to_jsonb(COALESCE((_jsonb->>'${f}')::float8, 0) + (${v})::float8) ELSE to_jsonb(${sum}) END)`;
        entries.push({ f, value, type: `jsonb_build_object('t', ${type})` });
        // Numbers only; an int32 sum that overflows (FerretDB wraps it around, MongoDB widens it) and an int64 overflow are
        // left to the driver. One CASE, so the numeric cast never runs on a value of another type.
        guards.push(
          `(CASE WHEN ${stored} IS NULL THEN ${INT32(v) ? 'true' : `${type} = 'double'`} WHEN ${stored} IN ('int', 'long', 'double') AND jsonb_typeof(_jsonb->'${f}') = 'number' THEN ` +
            `(${type} = 'double' OR (${type} = 'int' AND ${sum} BETWEEN -2147483648 AND 2147483647) OR (${type} = 'long' AND ${sum} BETWEEN -9223372036854775808 AND 9223372036854775807)) ELSE false END)`,
        );
      } else if (op === '$push') {
        const e = encodeValue(v);
        if (!e || e.t.t === 'array') return undefined; // an array pushed would nest: FerretDB refuses those
        entries.push({
          f,
          value: `COALESCE(_jsonb->'${f}', '[]'::jsonb) || jsonb_build_array(${lit(e.v)})`,
          type: `jsonb_build_object('t', 'array', 'i', COALESCE(_jsonb->'$s'->'p'->'${f}'->'i', '[]'::jsonb) || jsonb_build_array(${lit(e.t)}))`,
        });
        guards.push(`(${stored} IS NULL OR ${stored} = 'array')`);
      } else if (op === '$addToSet') {
        if (typeof v !== 'string') return undefined; // strings only: equality of other values is MongoDB's own (key order, types)
        const there = `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(_jsonb->'${f}') = 'array' THEN _jsonb->'${f}' END) WITH ORDINALITY AS e(x, n) WHERE x = ${lit(v)} AND _jsonb->'$s'->'p'->'${f}'->'i'->(n::int - 1)->>'t' = 'string')`;
        entries.push({
          f,
          value: `(CASE WHEN ${there} THEN _jsonb->'${f}' ELSE COALESCE(_jsonb->'${f}', '[]'::jsonb) || jsonb_build_array(${lit(v)}) END)`,
          type: `(CASE WHEN ${there} THEN _jsonb->'$s'->'p'->'${f}' ELSE jsonb_build_object('t', 'array', 'i', COALESCE(_jsonb->'$s'->'p'->'${f}'->'i', '[]'::jsonb) || '[{"t":"string"}]'::jsonb) END)`,
        });
        guards.push(`(${stored} IS NULL OR ${stored} = 'array')`);
      } else if (op === '$unset') {
        unset.push(f);
      } else if (op === '$max') {
        if (!(v instanceof Date) || Number.isNaN(v.getTime())) return undefined;
        const ms = v.getTime();
        entries.push({ f, value: `to_jsonb(GREATEST(COALESCE((_jsonb->>'${f}')::numeric, ${ms}), ${ms}))`, type: `'{"t":"date"}'::jsonb` });
        guards.push(`(${stored} IS NULL OR ${stored} = 'date')`);
      } else return undefined;
    }
  }
  if (!fields.size) return undefined;
  const table = await cachedTable(conn, collection);
  if (!table) return undefined;
  const target = `${ident(conn.name)}.${ident(table)}`;
  const byId = `_jsonb->'_id' = ${lit(key.v)}`;
  const lock = locks.xactLockStatement(scopeOf(conn.name, collection, { _id: id }));
  // One simple-protocol query: one implicit transaction, statements in order (the lock first).
  const text = [
    lock,
    `SELECT _jsonb, (${condition}) AS matches FROM ${target} WHERE ${byId} FOR UPDATE`,
    `UPDATE ${target} SET _jsonb = ${withFields(entries, unset)} WHERE ${[byId, `(${condition})`, ...guards].join(' AND ')} RETURNING _jsonb`,
  ].join('; ');
  return {
    text,
    lockOrder: lock,
    read(results, returnDocument) {
      const row = results[1]?.rows[0] as { _jsonb: Record<string, unknown>; matches: boolean | null } | undefined;
      const before = row?._jsonb;
      const after = results[2]?.rows[0]?._jsonb as Record<string, unknown> | undefined;
      if (!before || !row.matches) return null; // no such document, or not in the state the caller expects
      if (!after) return undefined; // a guard held it back: MongoDB's own rules apply
      return decodeDocument(returnDocument === 'before' ? before : after);
    },
  };
}

/**
 * Applies `update` to the document `_id` of the collection and answers it as `findOneAndUpdate` with `returnDocument`
 * would (null when there is no such document); undefined when this is not the embedded engine, the update has a shape
 * not written here, or a stored value's type asks for MongoDB's own rules — nothing was changed then.
 */
export async function sqlUpdateById(
  conn: Connection,
  collection: string,
  id: Types.ObjectId | string | number,
  update: ByIdUpdate,
  returnDocument: 'before' | 'after',
  also?: AlsoWhere,
): Promise<Record<string, unknown> | null | undefined> {
  const st = await byIdStatements(conn, collection, id, update, also);
  if (!st) return undefined;
  let results: pg.QueryResult[];
  try {
    results = (await advisoryLocksOf(conn)!.query(st.text)) as unknown as pg.QueryResult[];
  } catch (err) {
    if (forgetTableOn(err, [{ db: conn, collection: { collectionName: collection } }])) return undefined;
    throw err;
  }
  return st.read(results, returnDocument);
}
