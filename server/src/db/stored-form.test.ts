// The stored form built without mongoose equals mongoose's own (constructor, validate, timestamps, toObject) for every model that inserts through insert-batch, over generated documents; what mongoose would refuse or cast is left to it.
import mongoose, { Types, type Model } from 'mongoose';
import { timerModel } from '../core/timers/timer.model';
import { alertModel, dedupeSlotModel, seenEventModel } from '../features/alerts/alert.model';
import { botFeedModel } from '../features/bot-feed/bot-feed.model';
import { broadcastModel } from '../features/broadcast/broadcast.model';
import { deliveryModel } from '../features/notifications/notifications.model';
import { ticketModel } from '../features/tickets/ticket.model';
import { hasStoredForm, storedForm } from './stored-form';

const NOW = new Date('2026-11-30T08:00:00.000Z');
beforeAll(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'performance', 'hrtime'] }));
afterAll(() => jest.useRealTimers());

const conn = mongoose.createConnection();
const AS_STORED = { transform: false, virtuals: false, getters: false, depopulate: true, flattenDecimals: false, useProjection: false, versionKey: true, flattenObjectIds: false, flattenUUIDs: false };

/** What insert-batch's mongoose path stores: the document, validated, with the version key and timestamps, as insertMany hands it to the driver. */
function viaMongoose(model: Model<any>, input: Record<string, unknown>): { doc?: Record<string, unknown>; error?: unknown } {
  const d = new model(input);
  const error = d.validateSync();
  if (error) return { error };
  if (d.$__schema.options.versionKey) d.set(d.$__schema.options.versionKey, 0);
  d.initializeTimestamps?.();
  return { doc: d.toObject(AS_STORED) };
}

/** A canonical text of a stored value: key order, and the type of every leaf (a Date is not its string, an int not a string). */
function canon(v: unknown): string {
  if (v instanceof Date) return `D(${v.toISOString()})`;
  if (v instanceof Types.ObjectId) return `O(${v.toHexString()})`;
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}:${canon(x)}`).join(',')}}`;
  return `${typeof v}(${String(v)})`;
}

// ---- a generator of documents from a schema: valid values mostly, and the edges mongoose treats specially --------------

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;

function valid(type: any, depth: number, edges: number): unknown {
  if (type.$isSingleNested) return genDoc(type.schema, depth + 1, false, edges);
  if (type.$isMongooseDocumentArray) return Array.from({ length: Math.floor(rand() * 3) }, () => genDoc(type.schema, depth + 1, false, edges));
  switch (type.instance) {
    case 'Array':
      return Array.from({ length: Math.floor(rand() * 3) }, () => valid(type.caster, depth, edges));
    case 'String':
      return pick(['a', '报修', 'x'.repeat(3), '0']);
    case 'Number':
      return pick([0, 1, -3, 2.5, 2 ** 40]);
    case 'Date':
      return new Date(NOW.getTime() - Math.floor(rand() * 1e9));
    case 'Boolean':
      return rand() < 0.5;
    case 'ObjectId':
      return new Types.ObjectId();
    case 'Mixed':
      // Empty objects and null are edges (minimize drops them; a required path refuses them).
      return pick<unknown>([{ name: '张', n: 1 }, { a: { b: [1, 'x'] } }, 'text', 3, [1, 2], { at: new Date(NOW.getTime()) }, ...(rand() < edges ? [{}, { a: {} }, null] : [])]);
    default:
      return undefined;
  }
}

/** The edges: each either taken as is by mongoose, cast by it, or refused — the fast path must agree or step aside. */
function edge(): unknown {
  return pick<unknown>([undefined, null, '', 5, 'x', '2026-01-01', new Date(NaN), Number.NaN, Infinity, [], [null], {}, { x: 1 }, true, new Types.ObjectId().toHexString(), [1, 'a']]);
}

/** A deep copy keeping Dates and ObjectIds (structuredClone would turn an ObjectId into a plain object). */
function copy<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof Types.ObjectId) return new Types.ObjectId(v.toHexString()) as T;
  if (Array.isArray(v)) return v.map(copy) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) as T;
  return v;
}

function genDoc(schema: any, depth: number, root: boolean, edges = 0.1): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  const nested = new Map<string, Record<string, unknown>>();
  const paths = Object.entries<any>(schema.paths);
  // Insertion order shuffled: mongoose's stored order is the schema's, whatever the input's.
  for (let i = paths.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [paths[i], paths[j]] = [paths[j]!, paths[i]!];
  }
  for (const [path, type] of paths) {
    const r = rand();
    if (path === '_id' && type.instance === 'ObjectId') {
      if (root || r < 0.7) doc._id = new Types.ObjectId();
      continue;
    }
    // Required paths are mostly there (else nearly every document would be one mongoose refuses).
    const absent = type.isRequired ? 0.02 : 0.3;
    if (r < absent) continue;
    const v = r < 1 - (type.isRequired ? edges / 5 : edges) || depth > 2 ? valid(type, depth, edges) : edge();
    const parts = path.split('.');
    if (parts.length === 1) {
      doc[path] = v;
      continue;
    }
    let at = doc;
    for (let k = 0; k < parts.length - 1; k++) {
      const prefix = parts.slice(0, k + 1).join('.');
      let o = nested.get(prefix);
      if (!o) {
        o = {};
        nested.set(prefix, o);
        at[parts[k]!] = o;
      }
      at = o;
    }
    at[parts[parts.length - 1]!] = v;
  }
  if (rand() < 0.1) doc.notInSchema = 'dropped';
  return doc;
}

const models: Array<[string, Model<any>]> = [
  ['Ticket', ticketModel(conn)],
  ['Timer', timerModel(conn)],
  ['Alert', alertModel(conn)],
  ['AlertDedupeSlot', dedupeSlotModel(conn)],
  ['DeviceSeenEvent', seenEventModel(conn)],
  ['NotificationDelivery', deliveryModel(conn)],
  ['Broadcast', broadcastModel(conn)],
  ['BotFeed', botFeedModel(conn)],
];

describe.each(models)('%s', (_name, model) => {
  it('is built without mongoose (the hot inserts take the fast path)', () => {
    expect(hasStoredForm(model)).toBe(true);
  });

  it('equals mongoose stored form for 600 generated documents, or steps aside', () => {
    let fast = 0;
    let refusedByMongoose = 0;
    for (let i = 0; i < 600; i++) {
      // Half the documents only valid values, half with edges here and there.
      const input = genDoc(model.schema, 0, true, i % 2 ? 0.1 : 0);
      const f = storedForm(model, copy(input));
      const m = viaMongoose(model, copy(input));
      if (m.error) refusedByMongoose++;
      if (f === undefined) continue;
      fast++;
      if (m.error) throw new Error(`fast path built a document mongoose refuses: ${canon(input)} — ${String(m.error)}`);
      expect(canon(f)).toBe(canon(m.doc));
    }
    // Not vacuous: most documents take the fast path, and some were ones mongoose refuses (which it must not take).
    if (process.env.STORED_FORM_DEBUG) console.log(_name, { fast, refusedByMongoose });
    expect(fast).toBeGreaterThan(200);
    expect(fast + refusedByMongoose).toBeLessThanOrEqual(600);
  });
});

it('gives timestamps the insert moment unless given, and a fresh ObjectId when none is given', () => {
  const Ticket = ticketModel(conn);
  const createdAt = new Date('2026-01-02T03:04:05Z');
  const doc = {
    communityId: 'c1', no: 'T-1', category: '公共设施', title: '门禁坏了', channel: 'desk', reporter: { name: '王' }, status: 'submitted', slaDueAt: NOW,
    timeline: [{ kind: 'created', at: NOW, actor: { kind: 'staff', name: '李' }, to: 'submitted' }], createdAt,
  };
  const f = storedForm(Ticket, doc)!;
  expect(f._id).toBeInstanceOf(Types.ObjectId);
  expect(f.createdAt).toEqual(createdAt);
  expect(f.updatedAt).toEqual(NOW);
  expect(f.description).toBe('');
  expect(f.attachments).toEqual([]);
  expect(Object.keys(f)).toEqual(Object.keys(viaMongoose(Ticket, { ...doc, _id: f._id }).doc!));
});

it('leaves to mongoose what it would cast or refuse', () => {
  const Timer = timerModel(conn);
  const base = { _id: 'k1', communityId: 'c1', kind: 'sla', fireAt: NOW, payload: { ticketId: 't' }, status: 'pending', attempts: 0 };
  expect(storedForm(Timer, base)).toBeDefined();
  expect(storedForm(Timer, { ...base, fireAt: NOW.toISOString() })).toBeUndefined(); // a string mongoose would cast to a Date
  expect(storedForm(Timer, { ...base, attempts: '1' })).toBeUndefined(); // cast to a number
  expect(storedForm(Timer, { ...base, communityId: '' })).toBeUndefined(); // required: '' fails
  expect(storedForm(Timer, { ...base, kind: undefined })).toBeUndefined(); // required missing
  expect(storedForm(Timer, { ...base, lastError: null })).toBeUndefined(); // null is stored as null by mongoose
  expect(storedForm(Timer, { ...base, 'payload.x': 1 })).toBeUndefined(); // a dotted key is a path to mongoose
  expect(storedForm(Timer, { ...base, payload: { when: new (class At {})() } })).toBeUndefined(); // not plain data
});
