// FerretDB pushes only a bare `_id` filter down to its storage: a conditional update by _id is rewritten, under the write lock, into a read by _id, the condition checked here, and a write by _id; a read by _id with conditions (every repository's `{_id, communityId}`) reads by _id and checks the rest here.
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import sift from 'sift';

/**
 * Measured on FerretDB 1.24 (SQLite): `findOneAndUpdate({_id, status, attempts})` scans the whole collection, while
 * `{_id}` alone is a primary-key lookup. The lock the caller holds serialises every update of the collection in this
 * process, so reading, checking and writing under it decides exactly what the single conditional update would have
 * (the embedded database is single-node; FerretDB gives no stronger guarantee across processes either, see issue 15).
 */
const narrowed = new WeakSet<Connection>();

/** Called once per connection: FerretDB answers buildInfo with its own version. */
export async function detectBareIdOnly(conn: Connection): Promise<void> {
  const info = (await conn.db!.command({ buildInfo: 1 })) as { ferretdbVersion?: string };
  if (info.ferretdbVersion) narrowed.add(conn);
}

export function isBareIdOnly(conn: Connection): boolean {
  return narrowed.has(conn);
}

const NO_MATCH = { objectId: new Types.ObjectId('000000000000000000000000'), string: '\u0000linli-no-such-id' };

interface UpdateQuery {
  model: { collection: { findOne(f: object): Promise<Record<string, unknown> | null> }; schema: unknown };
  getFilter(): Record<string, unknown>;
  getOptions(): { upsert?: boolean };
  cast(model: unknown, obj: Record<string, unknown>): Record<string, unknown>;
  setQuery(f: Record<string, unknown>): void;
}

/** Rewrites `{_id: x, ...cond}` into `{_id: x}` (cond holds) or an id that cannot exist (it does not). Other filters are left alone. */
export async function narrowToId(q: UpdateQuery): Promise<void> {
  const filter = q.getFilter();
  const id = filter._id;
  const plain = typeof id === 'string' || id instanceof Types.ObjectId;
  if (!plain || Object.keys(filter).length < 2 || q.getOptions().upsert) return;
  const cast = q.cast(q.model, { ...filter });
  const castId = cast._id;
  if (!(typeof castId === 'string' || castId instanceof Types.ObjectId)) return;
  const { _id: _ignored, ...cond } = cast;
  const doc = await q.model.collection.findOne({ _id: castId });
  const holds = !!doc && sift(cond)(doc);
  q.setQuery({ _id: holds ? castId : typeof castId === 'string' ? NO_MATCH.string : NO_MATCH.objectId });
}

interface ReadQuery {
  model: unknown;
  getFilter(): Record<string, unknown>;
  getOptions(): { skip?: number };
  mongooseOptions(): { lean?: unknown };
  projection(): Record<string, unknown> | undefined | null;
  cast(model: unknown, obj: Record<string, unknown>): Record<string, unknown>;
  setQuery(f: Record<string, unknown>): void;
  transform(fn: (res: unknown) => unknown): unknown;
}

const plainObject = (d: unknown): unknown => (d && typeof (d as { toObject?: unknown }).toObject === 'function' ? (d as { toObject(o: object): unknown }).toObject({ depopulate: true }) : d);

/**
 * `find`/`findOne` with `{_id: x, ...cond}` → `{_id: x}`, and the result kept only where cond holds (sift, mongoose's
 * own matcher). A read needs no lock: it answers as the filter would at the moment the row was read. Left alone: other
 * filters, projections (cond's fields might be cut off before the check) and skips (they count matches).
 */
export function narrowReadToId(q: ReadQuery): void {
  const filter = q.getFilter();
  const id = filter._id;
  if (!(typeof id === 'string' || id instanceof Types.ObjectId) || Object.keys(filter).length < 2) return;
  const projection = q.projection();
  if ((projection && Object.keys(projection).length) || q.getOptions().skip) return;
  const cast = q.cast(q.model, { ...filter });
  const castId = cast._id;
  if (!(typeof castId === 'string' || castId instanceof Types.ObjectId)) return;
  const { _id: _ignored, ...cond } = cast;
  const holds = sift(cond);
  q.setQuery({ _id: castId });
  q.transform((res) => (Array.isArray(res) ? res.filter((d) => holds(plainObject(d))) : res && holds(plainObject(res)) ? res : null));
}

/** Mongoose plugin: reads by _id with conditions become primary-key reads on FerretDB (see narrowReadToId). */
export function bareIdReadPlugin(schema: import('mongoose').Schema): void {
  for (const op of ['find', 'findOne'] as const) {
    schema.pre(op, function (this: any) {
      if (isBareIdOnly(this.model.db)) narrowReadToId(this);
    });
  }
}

interface DottedQuery extends UpdateQuery {
  op?: string;
  getOptions(): { upsert?: boolean; sort?: unknown };
  model: UpdateQuery['model'] & { find(f: object): { select(s: string): { sort(s: unknown): { limit(n: number): { lean(): Promise<{ _id: unknown }[]> } }; lean(): Promise<{ _id: unknown }[]> } } };
}

const SINGLE_DOC_OPS = new Set(['findOneAndUpdate', 'updateOne', 'findOneAndDelete', 'findOneAndReplace', 'replaceOne', 'deleteOne']);

/**
 * FerretDB 1.24 over PostgreSQL pushes a dotted filter key of an *update* down as `_jsonb #> '{a,b}'`, which never
 * matches inside an array (measured: `findOneAndUpdate({_id, 'linked.id': x})` and `updateOne({'linked.id': x})` matched
 * nothing while `find` with the same filter found the document). Under the caller's lock such a filter is resolved into
 * _ids first: by _id as narrowToId does, otherwise by a `find` (which evaluates dotted paths correctly) — the collection
 * lock the caller holds keeps the answer true until the write. Upserts are left alone.
 */
export async function narrowDottedFilter(q: DottedQuery): Promise<void> {
  const filter = q.getFilter();
  if (!Object.keys(filter).some((k) => k.includes('.')) || q.getOptions().upsert) return;
  const id = filter._id;
  if (typeof id === 'string' || id instanceof Types.ObjectId) return narrowToId(q);
  const single = SINGLE_DOC_OPS.has(q.op ?? '');
  const found = q.model.find(q.cast(q.model, { ...filter })).select('_id');
  const sort = q.getOptions().sort;
  const docs = single ? await found.sort(sort ?? {}).limit(1).lean() : await found.lean();
  q.setQuery(docs.length ? { _id: single ? docs[0]!._id : { $in: docs.map((d) => d._id) } } : { _id: { $in: [] } });
}
