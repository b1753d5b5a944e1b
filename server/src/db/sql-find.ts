// Sorted, limited finds answered by PostgreSQL itself on the embedded engine; the same find through mongoose anywhere else.
//
// Why: FerretDB 1.24 pushes down top-level equality only; ranges, `$in`, sort and limit run in its memory over every
// matching document (bench/db-engine: a first page of the staff inbox over 50,000 tickets took 0.6–6.5 s). Its tables
// hold one `_jsonb` column, so the same filter written as SQL over `_jsonb->'field'` is served by the btree expression
// indexes FerretDB itself makes from the models' index declarations (`(_jsonb->'a'), (_jsonb->'b') DESC`, which its own
// `@>` queries never use) and returns the page in milliseconds. Only shapes whose MongoDB
// meaning SQL keeps exactly are translated — fields the schema types as scalars (never through an array), equality,
// `$in`, ranges, `$exists`, `$ne`, literal-substring regexes, `$and`/`$or`; anything else runs through mongoose as before.
import type { Connection, FilterQuery, Model } from 'mongoose';
import { tableInfo } from './gin-indexes';
import { decodeDocument, decodeValue, type PType } from './pjson';
import { advisoryLocksOf } from './write-lock';

export interface SortedFind {
  sort: Record<string, 1 | -1>;
  limit?: number;
  /** Fields to return (plus _id); all when absent. */
  select?: string[];
  /** For the fallback through FerretDB/MongoDB (a regex search): bound its scan. */
  maxTimeMS?: number;
  /** Paths under a Mixed field that the caller knows hold plain values (never arrays), e.g. `reporter.residentId`. */
  scalar?: string[];
}

/** Documents matching `filter` in `opts.sort` order, as `find(...).lean()` would return them. */
export async function findSorted<T>(model: Model<any>, filter: FilterQuery<any>, opts: SortedFind): Promise<T[]> {
  const pushed = await sqlFind(model, filter, opts);
  if (pushed) return pushed as T[];
  let q = model.find(filter, opts.select ? Object.fromEntries(opts.select.map((f) => [f, 1])) : undefined).sort(opts.sort);
  if (opts.limit) q = q.limit(opts.limit);
  if (opts.maxTimeMS) q = q.maxTimeMS(opts.maxTimeMS);
  return q.lean<T[]>();
}

/**
 * One document, as `findOne(...).lean()` would return it. For reads on every request (the staff token check): on the
 * embedded engine a by-`_id` read is one indexed PostgreSQL lookup instead of a FerretDB round trip.
 */
export async function findOneLean<T>(model: Model<any>, filter: FilterQuery<any>, select?: string[]): Promise<T | null> {
  return (await findSorted<T>(model, filter, { sort: {}, limit: 1, ...(select ? { select } : {}) }))[0] ?? null;
}

const tables = new WeakMap<Connection, Map<string, { table: string; capped: boolean }>>();

/**
 * The `FROM … WHERE … ORDER BY … LIMIT …` part for this find on the embedded engine, parameters added to `p`; `empty` when
 * the collection was never written (MongoDB answers nothing then either); undefined when this is not the embedded engine
 * or SQL does not keep the filter's meaning (FerretDB answers then).
 */
async function prepare(model: Model<any>, filter: FilterQuery<any>, opts: SortedFind, p: Params): Promise<{ text: string } | 'empty' | undefined> {
  const conn = model.db;
  if (!advisoryLocksOf(conn)) return undefined;
  // mongoose's casting first (hex strings to ObjectIds, strings to Dates), as the find itself would.
  const query = model.find(filter);
  query.cast(model);
  const filterCast = query.getFilter() as Record<string, unknown>;
  const table = await cachedTable(conn, model.collection.collectionName);
  if (!table) return translate(model, filterCast, opts) ? 'empty' : undefined;
  return fromWhere(model, `${ident(conn.name)}.${ident(table)}`, filterCast, opts, p);
}

/** FerretDB's table of a collection and whether it is capped (remembered once seen), or undefined before the collection exists. */
export async function cachedTableInfo(conn: Connection, collection: string): Promise<{ table: string; capped: boolean } | undefined> {
  let known = tables.get(conn);
  if (!known) tables.set(conn, (known = new Map()));
  const info = known.get(collection) ?? (await tableInfo(conn, collection));
  if (info) known.set(collection, info);
  return info;
}

/** The PostgreSQL table FerretDB keeps a collection in (remembered once seen), or undefined before the collection exists. */
export async function cachedTable(conn: Connection, collection: string): Promise<string | undefined> {
  return (await cachedTableInfo(conn, collection))?.table;
}

/** A table dropped and made again under another name: forget it, so the next read asks FerretDB's metadata afresh. */
export function forgetTableOn(err: unknown, models: { db: Connection; collection: { collectionName: string } }[]): boolean {
  if ((err as { code?: string }).code !== '42P01') return false;
  for (const m of models) tables.get(m.db)?.delete(m.collection.collectionName);
  return true;
}

/**
 * `SELECT <columns> FROM <the collection's table> <WHERE … ORDER BY … LIMIT …>` on the embedded engine; undefined when this
 * is not the embedded engine, SQL does not keep the filter's meaning, or the table moved (FerretDB answers then).
 */
async function select<R>(model: Model<any>, filter: FilterQuery<any>, opts: SortedFind, columns: string): Promise<R[] | undefined> {
  const p = new Params();
  const sql = await prepare(model, filter, opts, p);
  if (sql === 'empty') return [];
  if (!sql) return undefined;
  try {
    const locks = advisoryLocksOf(model.db)!;
    const text = `SELECT ${columns} ${sql.text}`;
    // One-document reads (findOneLean: the token check, per-event lookups) are prepared; lists keep custom plans.
    const oneDoc = opts.limit === 1 && !Object.keys(opts.sort).length;
    return (await (oneDoc ? locks.queryPrepared(text, p.values) : locks.query(text, p.values))).rows as R[];
  } catch (err) {
    if (!forgetTableOn(err, [model])) throw err;
    return undefined;
  }
}

export interface OneRead {
  model: Model<any>;
  filter: FilterQuery<any>;
  select?: string[];
}

/**
 * Several `findOneLean` reads (of any collections) answered together: on the embedded engine one PostgreSQL statement
 * (`SELECT (SELECT _jsonb …), (SELECT _jsonb …)`) — one round trip for the staff token check's two reads behind every
 * staff request — else each read on its own, together.
 */
export async function findOneLeanEach(reads: OneRead[]): Promise<(Record<string, unknown> | null)[]> {
  const locks = reads.length > 1 ? advisoryLocksOf(reads[0]!.model.db) : undefined;
  if (locks && reads.every((r) => r.model.db === reads[0]!.model.db)) {
    const p = new Params();
    const parts: string[] = [];
    for (const r of reads) {
      const sql = await prepare(r.model, r.filter, { sort: {}, limit: 1 }, p);
      if (!sql) break;
      parts.push(sql === 'empty' ? 'NULL::jsonb' : `(SELECT _jsonb ${sql.text})`);
    }
    if (parts.length === reads.length) {
      try {
        const row = (await locks.queryPrepared(`SELECT ${parts.map((s, i) => `${s} AS r${i}`).join(', ')}`, p.values)).rows[0] as Record<string, Record<string, unknown> | null>;
        return reads.map((r, i) => {
          const raw = row[`r${i}`];
          if (!raw) return null;
          const doc = decodeDocument(raw);
          return r.select ? pick(doc, r.select) : doc;
        });
      } catch (err) {
        if (!forgetTableOn(err, reads.map((r) => r.model))) throw err;
      }
    }
  }
  return Promise.all(reads.map((r) => findOneLean<Record<string, unknown>>(r.model, r.filter, r.select)));
}

/** The rows through PostgreSQL, or undefined when this is not the embedded engine or the filter has a shape SQL does not keep. */
export async function sqlFind(model: Model<any>, filter: FilterQuery<any>, opts: SortedFind): Promise<Record<string, unknown>[] | undefined> {
  // A selection of top-level fields: PostgreSQL sends only those (the KPIs read 16 fields of thousands of tickets).
  if (opts.select && !opts.select.some((f) => f.includes('.'))) return sqlFields(model, filter, opts.select, opts);
  const rows = await select<{ _jsonb: Record<string, unknown> }>(model, filter, opts, '_jsonb');
  if (!rows) return undefined;
  const docs = rows.map((r) => decodeDocument(r._jsonb));
  return opts.select ? docs.map((d) => pick(d, opts.select!)) : docs;
}

/**
 * Only `_id` and some top-level fields of each matching row, decoded, with PostgreSQL sending just those values (a push to
 * 20,000 residents needs their ids and channels, not 20,000 whole documents). Undefined as for sqlFind.
 */
export async function sqlFields(model: Model<any>, filter: FilterQuery<any>, fields: string[], opts: SortedFind = { sort: {} }): Promise<Record<string, unknown>[] | undefined> {
  const wanted = ['_id', ...fields.filter((f) => f !== '_id')];
  if (wanted.some((f) => f.includes('.'))) return undefined;
  const columns = wanted.map((f, i) => `${jsonPath(f)} AS v${i}, _jsonb->'$s'->'p'->${literal(f)} AS t${i}`).join(', ');
  const rows = await select<Record<string, unknown>>(model, filter, opts, columns);
  return rows?.map((r) => {
    const out: Record<string, unknown> = {};
    wanted.forEach((f, i) => {
      if (r[`t${i}`] !== null && r[`t${i}`] !== undefined) out[f] = decodeValue(r[`v${i}`], r[`t${i}`] as PType);
    });
    return out;
  });
}

/** How many documents match, counted by PostgreSQL (FerretDB counts in its memory). Undefined as for sqlFind. */
export async function sqlCount(model: Model<any>, filter: FilterQuery<any>): Promise<number | undefined> {
  const rows = await select<{ n: string }>(model, filter, { sort: {} }, 'count(*) AS n');
  return rows && Number(rows[0]?.n ?? 0);
}

function pick(doc: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { _id: doc._id };
  for (const f of fields) if (doc[f] !== undefined) out[f] = doc[f];
  return out;
}

export const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `_jsonb->'a'->'b'`: written out (not a parameter) so PostgreSQL matches it to an expression index. */
export const jsonPath = (path: string) => `_jsonb${path
  .split('.')
  .map((k) => `->${literal(k)}`)
  .join('')}`;

/**
 * A path SQL reads with MongoDB's meaning: the schema types it (and every prefix) as a non-array, non-mixed value.
 * Through an array MongoDB matches any element, which `->` does not.
 */
export function scalarPath(model: Model<any>, path: string, known: string[] = []): boolean {
  if (path === '_id' || known.includes(path)) return true;
  const parts = path.split('.');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('.');
    const type = model.schema.path(prefix) as { instance?: string; $isMongooseArray?: boolean } | undefined;
    if (!type) {
      if (i < parts.length && model.schema.pathType(prefix) === 'nested') continue;
      return false;
    }
    if (type.instance === 'Array' || type.$isMongooseArray || type.instance === 'Mixed') return false;
  }
  return true;
}

/** _id, a required path, or a mongoose timestamp: never missing from a stored document. */
function alwaysPresent(model: Model<any>, path: string): boolean {
  if (path === '_id') return true;
  const ts = model.schema.get('timestamps') as boolean | { createdAt?: string | boolean; updatedAt?: string | boolean } | undefined;
  const tsName = (k: 'createdAt' | 'updatedAt') => (ts === true ? k : ts && typeof ts === 'object' && ts[k] !== false ? (typeof ts[k] === 'string' ? ts[k] : k) : undefined);
  if (path === tsName('createdAt') || path === tsName('updatedAt')) return true;
  return !!(model.schema.path(path) as { isRequired?: boolean } | undefined)?.isRequired;
}

/** A value as the jsonb FerretDB stores it, or undefined for types this translation does not take. */
function json(v: unknown): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : String(v.getTime());
  if (v && typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'ObjectId') return JSON.stringify(String(v));
  return undefined;
}

/** The jsonb type a range compares within (MongoDB compares within a type; jsonb orders across types). */
function rangeType(v: unknown): string | undefined {
  if (typeof v === 'number' || v instanceof Date) return 'number';
  if (typeof v === 'string' || (v && typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'ObjectId')) return 'string';
  return undefined;
}

/** A regex that is a plain literal (what the repositories' escapeRegex makes of typed text), as that literal; undefined for a real pattern. */
function literalOf(rx: RegExp): string | undefined {
  if (rx.flags.replace(/[gu]/g, '')) return undefined;
  const lit = rx.source.replace(/\\(.)/g, '$1');
  return new RegExp(lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).source === rx.source ? lit : undefined;
}

const RANGE: Record<string, string> = { $lt: '<', $lte: '<=', $gt: '>', $gte: '>=' };

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

function condition(model: Model<any>, path: string, cond: unknown, p: Params, known: string[]): string | undefined {
  const existsOnly = !!cond && typeof cond === 'object' && Object.keys(cond).length === 1 && '$exists' in cond;
  // Whether a nested object is there at all reads the same in SQL; anything more about it does not.
  if (!scalarPath(model, path, known) && !(existsOnly && model.schema.pathType(path) === 'nested')) return undefined;
  const e = jsonPath(path);
  if (cond instanceof RegExp) {
    const lit = literalOf(cond);
    return lit === undefined ? undefined : `(jsonb_typeof(${e}) = 'string' AND strpos(${e}->>0, ${p.add(lit)}) > 0)`;
  }
  const isOps = cond && typeof cond === 'object' && !(cond instanceof Date) && !('_bsontype' in cond) && Object.keys(cond).length > 0 && Object.keys(cond).every((k) => k.startsWith('$'));
  if (!isOps) return equals(e, cond, p);
  const parts: string[] = [];
  for (const [op, v] of Object.entries(cond as Record<string, unknown>)) {
    let part: string | undefined;
    if (op === '$eq') part = equals(e, v, p);
    else if (op === '$ne') {
      const eq = equals(e, v, p);
      part = eq && `NOT COALESCE(${eq}, false)`;
    } else if (op === '$in' && Array.isArray(v)) {
      const items = v.map(json);
      if (!items.length) part = 'false';
      else if (items.every((i) => i !== undefined && i !== 'null') && !v.some((x) => x instanceof RegExp)) part = `${e} = ANY(${p.add(items)}::jsonb[])`;
    } else if (op === '$exists') part = v ? `${e} IS NOT NULL` : `${e} IS NULL`;
    else if (op in RANGE) {
      const j = json(v);
      const t = rangeType(v);
      if (j !== undefined && t) part = `(${e} ${RANGE[op]} ${p.add(j)}::jsonb AND jsonb_typeof(${e}) = '${t}')`;
    }
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return parts.join(' AND ');
}

function equals(e: string, v: unknown, p: Params): string | undefined {
  if (v === null || v === undefined) return `(${e} IS NULL OR ${e} = 'null'::jsonb)`;
  const j = json(v);
  return j === undefined ? undefined : `${e} = ${p.add(j)}::jsonb`;
}

function where(model: Model<any>, filter: Record<string, unknown>, p: Params, known: string[]): string | undefined {
  const parts: string[] = [];
  for (const [key, cond] of Object.entries(filter)) {
    let part: string | undefined;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(cond) || !cond.length) return undefined;
      const subs = cond.map((c) => where(model, c as Record<string, unknown>, p, known));
      if (subs.some((s) => s === undefined)) return undefined;
      part = `(${subs.join(key === '$and' ? ' AND ' : ' OR ')})`;
    } else if (key.startsWith('$')) return undefined;
    else part = condition(model, key, cond, p, known);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

/**
 * The filter (cast by mongoose as a find would) as an SQL condition over `_jsonb` with its parameters, or undefined when
 * SQL would not keep its meaning — for writes that add it to their own statement (db/sql-update.ts).
 */
export function sqlCondition(model: Model<any>, filter: FilterQuery<any>): { text: string; values: unknown[] } | undefined {
  const query = model.find(filter);
  query.cast(model);
  const p = new Params();
  const text = where(model, query.getFilter() as Record<string, unknown>, p, []);
  return text === undefined ? undefined : { text, values: p.values };
}

/** `WHERE … ORDER BY … LIMIT …` keeping the filter's MongoDB meaning, or undefined. */
export function translate(model: Model<any>, filter: Record<string, unknown>, opts: SortedFind): { text: string; values: unknown[] } | undefined {
  const p = new Params();
  const parts = clauses(model, filter, opts, p);
  return parts && { text: `WHERE ${parts.where}${parts.order}${parts.limit}`, values: p.values };
}

/**
 * `FROM <table> WHERE … ORDER BY … LIMIT n` — and for a sorted, limited page whose filter has one top-level `$in` (the
 * inbox: open statuses), one branch per value, each walking the index in order to its own first n, merged: PostgreSQL 15
 * cannot walk `(communityId, status, _id DESC)` in order across several statuses, and would fetch and sort every open
 * ticket instead (measured: inbox p50 131 ms over HTTP with ~10,000 open, against 20 ms for a one-status page).
 */
export function fromWhere(model: Model<any>, table: string, filter: Record<string, unknown>, opts: SortedFind, p = new Params()): { text: string; values: unknown[] } | undefined {
  const mark = p.values.length;
  const split = opts.limit && Object.keys(opts.sort).length ? splitIn(filter) : undefined;
  if (split) {
    const branches = split.map((f) => clauses(model, f, opts, p));
    if (branches.every((b) => b !== undefined)) {
      const union = branches.map((b) => `(SELECT _jsonb FROM ${table} WHERE ${b!.where}${b!.order}${b!.limit})`).join(' UNION ALL ');
      return { text: `FROM (${union}) AS merged${branches[0]!.order}${branches[0]!.limit}`, values: p.values };
    }
    p.values.length = mark;
  }
  const parts = clauses(model, filter, opts, p);
  return parts && { text: `FROM ${table} WHERE ${parts.where}${parts.order}${parts.limit}`, values: p.values };
}

/** The filter once per value of its one top-level `$in` (2–10 plain values), or undefined. */
function splitIn(filter: Record<string, unknown>): Record<string, unknown>[] | undefined {
  const ins = Object.entries(filter).filter(([k, v]) => !k.startsWith('$') && v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && Array.isArray((v as { $in?: unknown }).$in));
  if (ins.length !== 1) return undefined;
  const [key, cond] = ins[0]!;
  const values = (cond as { $in: unknown[] }).$in;
  if (values.length < 2 || values.length > 10 || values.some((v) => v === null || v instanceof RegExp)) return undefined;
  return values.map((v) => ({ ...filter, [key]: v }));
}

function clauses(model: Model<any>, filter: Record<string, unknown>, opts: SortedFind, p: Params): { where: string; order: string; limit: string } | undefined {
  const w = where(model, filter, p, opts.scalar ?? []);
  if (w === undefined) return undefined;
  const order: string[] = [];
  for (const [path, dir] of Object.entries(opts.sort)) {
    if (!scalarPath(model, path, opts.scalar)) return undefined;
    // MongoDB sorts a missing field as the lowest value (first ascending, last descending); PostgreSQL's default is the
    // reverse, and only the default walks FerretDB's own btree indexes in order — fine for a field always present.
    // A stored null and a missing field sort as equals in MongoDB.
    const present = alwaysPresent(model, path);
    const e = present ? jsonPath(path) : `NULLIF(${jsonPath(path)}, 'null'::jsonb)`;
    const nulls = present ? '' : dir === -1 ? ' NULLS LAST' : ' NULLS FIRST';
    order.push(`${e} ${dir === -1 ? 'DESC' : 'ASC'}${nulls}`);
  }
  const limit = opts.limit && opts.limit > 0 ? ` LIMIT ${Math.floor(opts.limit)}` : '';
  return { where: w, order: order.length ? ` ORDER BY ${order.join(', ')}` : '', limit };
}
