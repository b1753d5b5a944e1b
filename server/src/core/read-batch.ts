// Per-turn coalescing of one-document reads: lookups of one collection by one field asked in the same turn of the event loop go to the database as one `$in` find (one PostgreSQL statement on the embedded engine), each caller getting its own answer.
//
// Why: in a storm of device events every event asks a few questions by key (its device, its incident's slot, its alert's
// status, its announcement), each a round trip of its own. On this VM a round trip's system calls cost more server CPU than
// the lookup itself (profiled: socket writes to PostgreSQL were 30 % of the server's busy time in the alerts bench raise
// step); ten questions asked in one turn answered by one statement cost about one.
import type { Model } from 'mongoose';
import { findSorted } from '../db/sql-find';

/** At most this many keys per statement; more go in the next. */
const MAX_KEYS = 500;

interface Waiter<T> {
  key: string;
  resolve: (doc: T | null) => void;
  reject: (err: unknown) => void;
}

export interface ReadBatchOptions {
  /** The field looked up (default `_id`). */
  field?: string;
  /** A second equality every read of a batch shares (e.g. `communityId`): reads are grouped by its value. */
  scopeField?: string;
  /** Fields to return (plus `_id` and the looked-up field); all when absent. */
  select?: string[];
}

export class ReadBatch<T extends object> {
  /** Per scope value: the reads asked in this turn, not yet sent. */
  private pending = new Map<string, Waiter<T>[]>();
  private readonly field: string;
  private readonly objectIds: boolean;

  constructor(
    private readonly model: Model<any>,
    private readonly opts: ReadBatchOptions = {},
  ) {
    this.field = opts.field ?? '_id';
    this.objectIds = (model.schema.path(this.field) as { instance?: string } | undefined)?.instance === 'ObjectId';
  }

  /** The first document whose field equals `key` (and whose scope field equals `scope`), as `findOne(...).lean()` would return it. */
  get(key: string, scope?: string): Promise<T | null> {
    if (this.objectIds) {
      // A key that is no ObjectId's hex matches nothing (and must not fail the batch's cast); hex is compared as stored.
      if (!/^[0-9a-f]{24}$/i.test(key)) return Promise.resolve(null);
      key = key.toLowerCase();
    }
    return new Promise<T | null>((resolve, reject) => {
      const s = scope ?? '';
      if (!this.pending.size) setImmediate(() => void this.flush());
      let q = this.pending.get(s);
      if (!q) this.pending.set(s, (q = []));
      q.push({ key, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const all = this.pending;
    this.pending = new Map();
    await Promise.all(
      [...all].map(async ([scope, waiters]) => {
        for (let i = 0; i < waiters.length; i += MAX_KEYS) await this.read(scope, waiters.slice(i, i + MAX_KEYS));
      }),
    );
  }

  private async read(scope: string, waiters: Waiter<T>[]): Promise<void> {
    const keys = [...new Set(waiters.map((w) => w.key))];
    const filter: Record<string, unknown> = { [this.field]: keys.length === 1 ? keys[0] : { $in: keys } };
    if (this.opts.scopeField) filter[this.opts.scopeField] = scope;
    const select = this.opts.select && [...new Set([...this.opts.select, this.field])];
    try {
      const docs = await findSorted<Record<string, unknown>>(this.model, filter, { sort: {}, ...(select ? { select } : {}) });
      const found = new Map<string, T>();
      for (const d of docs) {
        const k = String(d[this.field]);
        if (!found.has(k)) found.set(k, d as T);
      }
      for (const w of waiters) w.resolve(found.get(w.key) ?? null);
    } catch (err) {
      for (const w of waiters) w.reject(err);
    }
  }
}
