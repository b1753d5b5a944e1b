// FerretDB 1.24's stored document format in PostgreSQL (its "pjson": values plus a `$s` type schema): decoded into what the MongoDB driver returns, and encoded from what the driver would send.
//
// The layout (FerretDB's internal/backends/postgresql, final in the 1.x line): `{"$s": {"p": {<field>: <type>}, "$k":
// [<field order>]}, <field>: <value>, …}` where a type is `{"t": "string" | "int" | "long" | "double" | "bool" | "null" |
// "date" | "objectId" | "binData" | "regex" | "timestamp" | "object" | "array", …}`; objects carry their own `$s`, arrays
// an `i` list of element types. Dates are milliseconds, ObjectIds hex, binary base64.
import { mongo } from 'mongoose';

const { Binary, BSONRegExp, ObjectId, Timestamp } = mongo;

export interface PType {
  t: string;
  $s?: PSchema;
  i?: PType[];
  s?: number;
  o?: string;
}
interface PSchema {
  p?: Record<string, PType>;
  $k?: string[];
}

export class PjsonError extends Error {}

function value(v: unknown, type: PType | undefined): unknown {
  switch (type?.t) {
    case 'string':
    case 'bool':
      return v;
    case 'int':
    case 'long':
    case 'double':
      // FerretDB writes the doubles JSON cannot hold (Infinity, NaN) as strings.
      return typeof v === 'string' ? Number(v) : v;
    case 'null':
      return null;
    case 'date':
      return new Date(v as number);
    case 'objectId':
      return new ObjectId(v as string);
    case 'binData':
      return new Binary(Buffer.from(v as string, 'base64'), type.s ?? 0);
    case 'regex':
      return new BSONRegExp(v as string, type.o ?? '');
    case 'timestamp':
      return Timestamp.fromString(String(v), 10);
    case 'object':
      return object(v as Record<string, unknown>, type.$s ?? {});
    case 'array':
      return (v as unknown[]).map((e, k) => value(e, type.i?.[k]));
    default:
      throw new PjsonError(`unknown FerretDB value type ${JSON.stringify(type)}`);
  }
}

function object(raw: Record<string, unknown>, schema: PSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of schema.$k ?? []) out[key] = value(raw[key], schema.p?.[key]);
  return out;
}

/** One stored value with its type entry from the document's `$s` (a single field read on its own). */
export function decodeValue(v: unknown, type: PType): unknown {
  return value(v, type);
}

/** One stored document (`_jsonb` as parsed by pg) as the driver would return it, fields in their stored order. */
export function decodeDocument(stored: Record<string, unknown>): Record<string, unknown> {
  return object(stored, (stored.$s as PSchema | undefined) ?? {});
}

/**
 * What FerretDB 1.24 stores for `doc` as the MongoDB driver would send it (sjson.Marshal after the insert handler's
 * ValidateData: `_id` moved first in every object, -0 as 0), as JSON text; undefined for anything it would treat
 * differently or refuse — keys starting with `$` or holding `.`, nested arrays, non-finite numbers, undefined values,
 * regexes, decimals, an object without `_id` or with an `_id` that is not an ObjectId, string or number — so the caller
 * lets FerretDB write that document itself. `id` is the stored `_id` value (an ObjectId as hex).
 */
export function encodeDocument(doc: Record<string, unknown>): { text: string; id: string | number } | undefined {
  if (!('_id' in doc)) return undefined;
  const out = encodeObject(doc);
  if (!out) return undefined;
  // Plain ids only (ObjectId, string, number): an object id's key order would not survive jsonb.
  const id = out.values._id;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  return { text: JSON.stringify({ $s: out.schema, ...out.values }), id };
}

type Encoded = { v: unknown; t: PType } | undefined;

/** One value as FerretDB stores it (`v`) with its type entry (`t`), or undefined where encodeDocument would refuse it. */
export function encodeValue(v: unknown): Encoded {
  return encodeAny(v, false);
}

function encodeObject(obj: Record<string, unknown> | Map<string, unknown>): { values: Record<string, unknown>; types: Record<string, PType>; schema: PSchema } | undefined {
  const entries: [string, unknown][] = obj instanceof Map ? [...obj.entries()] : Object.entries(obj);
  const idAt = entries.findIndex(([k]) => k === '_id');
  if (idAt > 0) entries.unshift(...entries.splice(idAt, 1));
  const values: Record<string, unknown> = {};
  const types: Record<string, PType> = {};
  const keys: string[] = [];
  for (const [k, raw] of entries) {
    if (typeof k !== 'string' || k.startsWith('$') || k.includes('.') || k.includes('\0')) return undefined;
    const e = encodeAny(raw, false);
    if (!e) return undefined;
    values[k] = e.v;
    types[k] = e.t;
    keys.push(k);
  }
  return { values, types, schema: keys.length ? { p: types, $k: keys } : {} };
}

function encodeAny(v: unknown, inArray: boolean): Encoded {
  switch (typeof v) {
    case 'string':
      return { v, t: { t: 'string' } };
    case 'boolean':
      return { v, t: { t: 'bool' } };
    case 'number':
      if (!Number.isFinite(v)) return undefined;
      // The driver's rule (js-bson): a safe integer within int32 that is not -0 is an int32, anything else a double.
      if (Number.isSafeInteger(v) && v <= 0x7fffffff && v >= -0x80000000 && !Object.is(v, -0)) return { v, t: { t: 'int' } };
      return { v: Object.is(v, -0) ? 0 : v, t: { t: 'double' } };
    case 'bigint':
      if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) return undefined;
      return Number.isSafeInteger(Number(v)) ? { v: Number(v), t: { t: 'long' } } : undefined;
    case 'object':
      break;
    default:
      return undefined; // undefined, functions, symbols
  }
  if (v === null) return { v: null, t: { t: 'null' } };
  if (Array.isArray(v)) {
    if (inArray) return undefined; // FerretDB 1.x refuses nested arrays
    const items: unknown[] = [];
    const itemTypes: PType[] = [];
    for (const e of v) {
      const x = encodeAny(e, true);
      if (!x) return undefined;
      items.push(x.v);
      itemTypes.push(x.t);
    }
    return { v: items, t: { t: 'array', i: itemTypes } };
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : { v: v.getTime(), t: { t: 'date' } };
  if (v instanceof ObjectId) return { v: v.toHexString(), t: { t: 'objectId' } };
  if (Buffer.isBuffer(v)) return v.length ? { v: v.toString('base64'), t: { t: 'binData', s: 0 } } : undefined;
  if (v instanceof Binary) {
    const bytes = Buffer.from(v.buffer.buffer, v.buffer.byteOffset, v.position);
    return bytes.length ? { v: bytes.toString('base64'), t: { t: 'binData', s: v.sub_type } } : undefined;
  }
  const proto = Object.getPrototypeOf(v);
  if (v instanceof Map || proto === Object.prototype || proto === null) {
    if (!(v instanceof Map) && typeof (v as { toBSON?: unknown }).toBSON === 'function') return undefined;
    const o = encodeObject(v as Record<string, unknown>);
    return o && { v: o.values, t: { t: 'object', $s: o.schema } };
  }
  return undefined; // RegExp, Decimal128, Long, Timestamp, class instances: FerretDB writes those itself
}
