// Decodes a document as FerretDB 1.24 stores it in PostgreSQL (its "pjson": values plus a `$s` type schema) into the values the MongoDB driver returns.
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
