// Group commit for inserts: single inserts into one collection that arrive in the same turn of the event loop go to the database as one write (one statement on the embedded engine instead of a transaction each), each caller still getting its own answer.
import type { Model } from 'mongoose';
import { sqlInsert } from './sql-insert';
import { storedForm } from './stored-form';

/** At most this many documents per write; more wait for the next one. */
const MAX_BATCH = 500;

interface Pending {
  doc: Record<string, unknown>;
  resolve: (d: Record<string, unknown>) => void;
  reject: (e: unknown) => void;
}

interface WriteErrorLike {
  index: number;
  code?: number;
  errmsg?: string;
  err?: { code?: number; errmsg?: string };
}

const queues = new WeakMap<Model<any>, Pending[]>();

/** What mongoose's insertMany hands the driver (mongoose/lib/options.js internalToObjectOptions). */
const AS_STORED = { transform: false, virtuals: false, getters: false, depopulate: true, flattenDecimals: false, useProjection: false, versionKey: true, flattenObjectIds: false, flattenUUIDs: false };

const duplicate = (model: Model<any>) =>
  Object.assign(new Error(`E11000 duplicate key error collection: ${model.db.name}.${model.collection.collectionName}`), { code: 11000 });

/**
 * Inserts one document as part of the next batch for its collection. Resolves with the stored document (plain object);
 * rejects with a duplicate-key error (code 11000) when this document's key exists — exactly as `Model.create` would —
 * or with the batch's error when the write failed as a whole.
 */
export function insertBatched<T>(model: Model<any>, doc: Record<string, unknown>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let q = queues.get(model);
    if (!q) {
      q = [];
      queues.set(model, q);
      setImmediate(() => void flush(model));
    }
    q.push({ doc, resolve: resolve as (d: Record<string, unknown>) => void, reject });
  });
}

async function flush(model: Model<any>): Promise<void> {
  const all = queues.get(model) ?? [];
  queues.delete(model);
  for (let i = 0; i < all.length; i += MAX_BATCH) await write(model, all.slice(i, i + MAX_BATCH));
}

async function write(model: Model<any>, all: Pending[]): Promise<void> {
  // Each document prepared alone first: an invalid one fails alone (as with create), and the batch sent is exactly the
  // valid ones, so the write errors' indexes point into it. Prepared as insertMany prepares it (version key, timestamps):
  // built directly when db/stored-form.ts vouches for it, else by a mongoose Document.
  const batch: Pending[] = [];
  const stored: Array<Record<string, unknown>> = [];
  for (const p of all) {
    const fast = storedForm(model, p.doc);
    if (fast) {
      batch.push(p);
      stored.push(fast);
      continue;
    }
    const d = new model(p.doc);
    try {
      await d.validate();
    } catch (err) {
      p.reject(err);
      continue;
    }
    if (d.$__schema.options.versionKey) d.set(d.$__schema.options.versionKey, 0);
    d.initializeTimestamps?.();
    batch.push(p);
    stored.push(d.toObject(AS_STORED) as Record<string, unknown>);
  }
  if (!stored.length) return;
  // On the embedded engine, straight into PostgreSQL in FerretDB's format (db/sql-insert.ts), written once.
  let outcomes: Awaited<ReturnType<typeof sqlInsert>>;
  try {
    outcomes = await sqlInsert(model, stored);
  } catch (err) {
    for (const p of batch) p.reject(err);
    return;
  }
  if (outcomes) {
    outcomes.forEach((o, i) => (o === 'inserted' ? batch[i]!.resolve(stored[i]!) : batch[i]!.reject(duplicate(model))));
    return;
  }
  // Otherwise through the driver, as mongoose's insertMany would send these documents (already validated and prepared).
  try {
    await model.collection.insertMany(stored, { ordered: false });
    stored.forEach((d, i) => batch[i]!.resolve(d));
  } catch (err) {
    const writeErrors = (err as { writeErrors?: WriteErrorLike[] }).writeErrors;
    if (!writeErrors?.length) {
      for (const p of batch) p.reject(err);
      return;
    }
    const failed = new Map(writeErrors.map((w) => [w.index, w]));
    stored.forEach((d, i) => {
      const w = failed.get(i);
      if (!w) return batch[i]!.resolve(d);
      const code = w.code ?? w.err?.code ?? (err as { code?: number }).code;
      batch[i]!.reject(Object.assign(new Error(w.errmsg ?? w.err?.errmsg ?? 'insert failed'), { code }));
    });
  }
}
