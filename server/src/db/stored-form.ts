// The document mongoose would store for an insert, built without a mongoose Document, for schemas and values it can vouch for (db/insert-batch.ts's fast path).
import { Types, type Model, type Schema } from 'mongoose';

/**
 * Why: hydrating a mongoose Document for an insert (constructor, defaults, validate, timestamps, toObject) cost 150–340 µs
 * per document on the hottest writes — a third of the server's CPU per created ticket. Every schema on those writes uses
 * plain types only (String, Number, Date, Boolean, ObjectId, Mixed, arrays, subdocuments, nested paths; `required` and
 * `default`; timestamps), so the stored form is built here directly, in mongoose's key order (schema order).
 *
 * Anything this cannot vouch for gives `undefined` and the caller takes mongoose's own path: a schema with other options
 * (validators, setters, enum, min/max, trim, discriminators, validate hooks…), a value that mongoose would have to cast
 * (a number for a String, a string for a Date or ObjectId…), null, a dotted or `$` key, a required path missing, or a
 * Mixed value that is not plain data. So a document that mongoose would refuse never gets here, and the error a caller
 * sees is mongoose's. The oracle test (stored-form.test.ts) compares both paths over every model that inserts through
 * insert-batch, with generated documents.
 */

type Scalar = 'string' | 'number' | 'date' | 'boolean' | 'objectId';
/**
 * A default as mongoose applies it: `early` ones (plain values, arrays' and _id's own) before the given values are set,
 * the others (functions: Date.now, `{}` of a Mixed…) after — which decides the key order: mongoose lays the document out
 * in schema order after setting the given values, then appends the late defaults, then the timestamps it adds.
 */
type Default = { early: boolean; get: () => unknown };

type Node =
  | { kind: 'scalar'; key: string; type: Scalar; required: boolean; def?: Default }
  | { kind: 'mixed'; key: string; required: boolean; def?: Default }
  | { kind: 'array'; key: string; of: Scalar; def?: Default }
  | { kind: 'docs'; key: string; plan: Plan; def?: Default }
  | { kind: 'sub'; key: string; plan: Plan; required: boolean }
  | { kind: 'nested'; key: string; nodes: Node[] }
  | { kind: 'autoId'; key: string }
  | { kind: 'timestamp'; key: string }
  | { kind: 'version'; key: string };

interface Plan {
  nodes: Node[];
  minimize: boolean;
}

const BAIL = Symbol('bail');
type Out = unknown | typeof BAIL;

const plans = new WeakMap<Schema, Plan | null>();

/** The stored form of `input` for `model`'s collection (what `new Model(input)` + timestamps + toObject would give), or undefined to use mongoose. */
export function storedForm(model: Model<any>, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const plan = planOf(model.schema, true);
  if (!plan) return undefined;
  const now = new Date();
  const out = build(plan, input, now);
  return out === BAIL ? undefined : (out as Record<string, unknown>);
}

/** Whether `storedForm` can build documents for this model at all (the oracle test asserts it for the hot models). */
export function hasStoredForm(model: Model<any>): boolean {
  return planOf(model.schema, true) !== null;
}

// ---- plans, compiled once per schema ---------------------------------------------------------------------------------

const PLAIN_OPTIONS = new Set(['type', 'required', 'default', 'index', 'unique', 'sparse']);
const SCALARS: Record<string, Scalar> = { String: 'string', Number: 'number', Date: 'date', Boolean: 'boolean', ObjectId: 'objectId' };

function planOf(schema: Schema, root: boolean): Plan | null {
  const cached = plans.get(schema);
  if (cached !== undefined) return cached;
  const plan = compile(schema, root);
  plans.set(schema, plan);
  return plan;
}

function compile(schema: Schema, root: boolean): Plan | null {
  const s = schema as any;
  const opts = s.options;
  if (opts.strict !== true || (s.discriminators && Object.keys(s.discriminators).length)) return null;
  // mongoose's own hooks (timestamps, subdocuments) are on save and init; a validate hook is the schema author's.
  const hooks = s.s?.hooks;
  if (hooks?._pres?.get('validate')?.length || hooks?._posts?.get('validate')?.length) return null;
  let createdAt: string | undefined;
  let updatedAt: string | undefined;
  if (opts.timestamps) {
    if (!root) return null;
    const ts = opts.timestamps === true ? {} : opts.timestamps;
    if (ts.currentTime) return null;
    createdAt = ts.createdAt === false ? undefined : typeof ts.createdAt === 'string' ? ts.createdAt : 'createdAt';
    updatedAt = ts.updatedAt === false ? undefined : typeof ts.updatedAt === 'string' ? ts.updatedAt : 'updatedAt';
  }
  const versionKey = root && typeof opts.versionKey === 'string' ? opts.versionKey : undefined;
  const nodes: Node[] = [];
  const nestedAt = new Map<string, Node[]>();
  for (const [path, type] of Object.entries<any>(s.paths)) {
    const parts = path.split('.');
    let into = nodes;
    for (let i = 0; i < parts.length - 1; i++) {
      const prefix = parts.slice(0, i + 1).join('.');
      if (!s.nested[prefix]) return null;
      let children = nestedAt.get(prefix);
      if (!children) {
        children = [];
        nestedAt.set(prefix, children);
        into.push({ kind: 'nested', key: parts[i]!, nodes: children });
      }
      into = children;
    }
    const key = parts[parts.length - 1]!;
    const node =
      path === createdAt || path === updatedAt
        ? ({ kind: 'timestamp', key } as const)
        : path === versionKey
          ? ({ kind: 'version', key } as const)
          : nodeOf(key, path, type);
    if (!node) return null;
    into.push(node);
  }
  return { nodes, minimize: opts.minimize !== false };
}

function nodeOf(key: string, path: string, t: any): Node | null {
  const options = t.options ?? {};
  if (path === '_id' && t.instance === 'ObjectId' && options.auto) return { kind: 'autoId', key };
  for (const o of Object.keys(options)) if (!PLAIN_OPTIONS.has(o)) return null;
  if (t.setters?.length || t.getters?.length) return null;
  if (t.validators?.some((v: { type?: string }) => v.type !== 'required')) return null;
  if (options.required !== undefined && options.required !== true && options.required !== false) return null;
  const required = options.required === true;
  const def = defaultOf(t);
  if (def === null) return null;
  if (t.$isSingleNested) return def ? null : (planned(t.schema, (plan) => ({ kind: 'sub', key, plan, required })));
  if (t.$isMongooseDocumentArray) return required ? null : planned(t.schema, (plan) => ({ kind: 'docs', key, plan, def }));
  if (t.instance === 'Array') {
    const of = SCALARS[t.caster?.instance as string];
    if (!of || required || t.caster?.validators?.length || t.caster?.setters?.length) return null;
    return { kind: 'array', key, of, def };
  }
  if (t.instance === 'Mixed') return { kind: 'mixed', key, required, def };
  const type = SCALARS[t.instance as string];
  return type ? { kind: 'scalar', key, type, required, def } : null;
}

function planned(schema: Schema, node: (plan: Plan) => Node): Node | null {
  const plan = planOf(schema, false);
  return plan && node(plan);
}

const usesThis = (f: unknown) => /\bthis\b/.test(String(f));

/** The path's default as mongoose holds it (schemaType.defaultValue, after its own wrapping of [] and {}); null when it is not vouched for. */
function defaultOf(t: any): Default | undefined | null {
  const dv = t.defaultValue;
  if (dv === undefined) return undefined;
  if (dv === null) return null;
  if (typeof dv !== 'function') return { early: true, get: () => dv };
  // A default that reads the document (`this`, or its argument) is left to mongoose. An array's own wrapper reads `this`
  // only to call a function default the schema gave it.
  if (t.instance === 'Array' || t.$isMongooseDocumentArray) {
    const inner = t.options?.default;
    if (typeof inner === 'function' && (usesThis(inner) || inner.length > 0)) return null;
  } else if (usesThis(dv) || dv.length > 0) {
    return null;
  }
  return { early: dv.$runBeforeSetters === true, get: () => dv.call(undefined) };
}

// ---- building ---------------------------------------------------------------------------------------------------------

function isPlain(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function build(plan: Plan, input: unknown, now: Date): Out {
  if (!isPlain(input)) return BAIL;
  for (const k in input) if (k.includes('.') || k.startsWith('$')) return BAIL;
  return fill(plan.nodes, plan.minimize, input, now);
}

function fill(nodes: Node[], minimize: boolean, input: Record<string, unknown>, now: Date): Out {
  const out: Record<string, unknown> = {};
  let late: Node[] | undefined;
  for (const node of nodes) {
    const v = input[node.key];
    // Given as undefined, a path mongoose fills itself (default, _id, timestamp) keeps the key where its $set put it.
    if (v === undefined && (('def' in node && node.def) || node.kind === 'timestamp' || node.kind === 'autoId') && Object.prototype.hasOwnProperty.call(input, node.key)) return BAIL;
    if (v === undefined && (node.kind === 'timestamp' || ('def' in node && node.def && !node.def.early))) {
      (late ??= []).push(node);
      continue;
    }
    const r = value(node, v, minimize, now, false);
    if (r === BAIL) return BAIL;
    if (r !== undefined) out[node.key] = r;
  }
  // Late defaults, then the timestamps mongoose adds, after everything else (see Default).
  if (late) {
    for (const pass of [false, true]) {
      for (const node of late) {
        if ((node.kind === 'timestamp') !== pass) continue;
        const r = node.kind === 'timestamp' ? now : value(node, undefined, minimize, now, true);
        if (r === BAIL) return BAIL;
        if (r !== undefined) out[node.key] = r;
      }
    }
  }
  return out;
}

/** One path's stored value: the given one checked and copied, or its default; undefined when absent, BAIL when not vouched for. */
function value(node: Node, v: unknown, minimize: boolean, now: Date, useDefault: boolean): Out {
  let r: Out;
  switch (node.kind) {
    case 'scalar':
      r = v === undefined ? fromDefault(node.def, useDefault, (x) => scalar(node.type, x, true)) : scalar(node.type, v, false);
      if (node.required && (r === undefined || r === '')) return BAIL;
      return r;
    case 'mixed':
      r = v === undefined ? fromDefault(node.def, useDefault, (x) => mixed(x, minimize)) : mixed(v, minimize);
      return (r === undefined || r === null) && node.required ? BAIL : r;
    case 'array':
      return v === undefined ? fromDefault(node.def, useDefault, (x) => scalarArray(node.of, x)) : scalarArray(node.of, v);
    case 'docs':
      return v === undefined ? fromDefault(node.def, useDefault, (x) => docArray(node.plan, x, now)) : docArray(node.plan, v, now);
    case 'sub':
      if (v === undefined) return node.required ? BAIL : undefined;
      r = build(node.plan, v, now);
      if (r !== BAIL && node.plan.minimize && !hasKeys(r as object)) r = undefined;
      return r === undefined && node.required ? BAIL : r;
    case 'nested':
      if (v !== undefined && !isPlain(v)) return BAIL;
      r = fill(node.nodes, minimize, (v ?? {}) as Record<string, unknown>, now);
      return r !== BAIL && minimize && !hasKeys(r as object) ? undefined : r;
    case 'autoId':
      return v === undefined ? new Types.ObjectId() : v instanceof Types.ObjectId ? v : BAIL;
    case 'timestamp':
      // As initializeTimestamps: kept when given, else the insert's moment.
      return v === undefined ? now : scalar('date', v, false);
    case 'version':
      return 0;
  }
}

function fromDefault(def: Default | undefined, use: boolean, cast: (x: unknown) => Out): Out {
  if (!def || (!def.early && !use)) return undefined;
  const x = def.get();
  return x === undefined || x === null ? (x === null ? BAIL : undefined) : cast(x);
}

function scalar(type: Scalar, v: unknown, fromDefault: boolean): Out {
  switch (type) {
    case 'string':
      return typeof v === 'string' ? v : BAIL;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : BAIL;
    case 'boolean':
      return typeof v === 'boolean' ? v : BAIL;
    case 'objectId':
      return v instanceof Types.ObjectId ? v : BAIL;
    case 'date':
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? BAIL : new Date(v.getTime());
      // Date.now as a default gives a number, which mongoose casts.
      return fromDefault && typeof v === 'number' && Number.isFinite(v) ? new Date(v) : BAIL;
  }
}

function scalarArray(of: Scalar, v: unknown): Out {
  if (!Array.isArray(v)) return BAIL;
  const out = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i] === undefined || v[i] === null ? BAIL : scalar(of, v[i], false);
    if (x === BAIL) return BAIL;
    out[i] = x;
  }
  return out;
}

function docArray(plan: Plan, v: unknown, now: Date): Out {
  if (!Array.isArray(v)) return BAIL;
  const out = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = build(plan, v[i], now);
    if (x === BAIL) return BAIL;
    out[i] = x;
  }
  return out;
}

/** A Mixed value as stored: a copy of plain data. Empty objects (which `minimize` would drop), undefined, class instances and non-finite numbers are left to mongoose. */
function mixed(v: unknown, minimize: boolean): Out {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : BAIL;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? BAIL : new Date(v.getTime());
  if (v instanceof Types.ObjectId) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      if (v[i] === undefined || (isPlain(v[i]) && !hasKeys(v[i] as object))) return BAIL;
      const x = mixed(v[i], minimize);
      if (x === BAIL) return BAIL;
      out[i] = x;
    }
    return out;
  }
  if (!isPlain(v)) return BAIL;
  const keys = Object.keys(v);
  if (!keys.length) return minimize ? BAIL : {};
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const x = v[k];
    if (x === undefined || k.startsWith('$') || k.includes('.')) return BAIL;
    if (isPlain(x) && !hasKeys(x)) return BAIL;
    const c = mixed(x, minimize);
    if (c === BAIL) return BAIL;
    out[k] = c;
  }
  return out;
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}
