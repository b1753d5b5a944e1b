// Fixed-window rate limits shared by every server node: one counter document per limiter and key in the database.
//
// Why the database: with two or more nodes behind nginx a per-process count lets a client spread its attempts over the
// nodes and multiply its allowance. Each attempt is one atomic findOneAndUpdate on the key's document (MongoDB's own
// atomicity; on the embedded FerretDB the write-lock plugin's per-_id advisory lock), so the count is exact across
// processes. A window starts at a key's first hit (as before, never aligned to the clock, so a burst is never cut in two
// by a boundary). FerretDB has no TTL indexes: expired windows are deleted here, at most once a minute per node.
import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { AppError } from './errors';
import { isDuplicateKey } from '../db/connection';

interface WindowDoc {
  /** `<limiter name>|<key>` */
  _id: string;
  start: Date;
  /** When this window ends (start + the limiter's window): the document is dead after it. */
  until: Date;
  count: number;
}

const WindowSchema = new Schema<WindowDoc>(
  { _id: String, start: { type: Date, required: true }, until: { type: Date, required: true }, count: { type: Number, required: true } },
  { versionKey: false },
);

/** How often one node deletes windows that have ended. */
const PRUNE_EVERY_MS = 60_000;

/** The shared counters of this deployment: built once per app from its connection, handed to features as `rateLimits`. */
export class RateLimits {
  private readonly model: Model<WindowDoc>;
  private lastPrune = 0;

  /** `clock` is for tests that step through windows without waiting. */
  constructor(
    conn: Connection,
    readonly clock: () => number = Date.now,
  ) {
    this.model = conn.models.RateLimitWindow ?? conn.model<WindowDoc>('RateLimitWindow', WindowSchema, 'rate_limits');
  }

  /** A limiter allowing `limit` hits per key in `windowMs`; `name` keeps its keys apart from other limiters' (one name per limit). */
  limiter(name: string, limit: number, windowMs: number): SharedRateLimiter {
    if (name.includes('|')) throw new Error(`rate limiter name ${name} must not contain |`);
    return new SharedRateLimiter(this, name, limit, windowMs);
  }

  /** Counts one hit on `id` and answers its window after it: a new window when none is running. */
  async hit(id: string, windowMs: number): Promise<{ count: number; until: number }> {
    const now = new Date(this.clock());
    this.maybePrune(now.getTime());
    for (let attempt = 0; ; attempt++) {
      // The usual case: a running window, one atomic increment.
      const live = await this.model.findOneAndUpdate({ _id: id, until: { $gt: now } }, { $inc: { count: 1 } }, { new: true }).lean<WindowDoc>();
      if (live) return { count: live.count, until: live.until.getTime() };
      // None running: replace an ended window or create the first. Should another node have started one meanwhile, the
      // upsert's insert fails on the _id and the loop counts this hit in that window instead.
      try {
        const fresh = await this.model
          .findOneAndUpdate({ _id: id, until: { $lte: now } }, { $set: { start: now, until: new Date(now.getTime() + windowMs), count: 1 } }, { new: true, upsert: true })
          .lean<WindowDoc>();
        return { count: fresh!.count, until: fresh!.until.getTime() };
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 5) throw err;
      }
    }
  }

  /** The running window's count for `id` (0 when none is running), without counting. */
  async count(id: string): Promise<{ count: number; until: number }> {
    const doc = await this.model.findOne({ _id: id }).lean<WindowDoc>();
    return doc && doc.until.getTime() > this.clock() ? { count: doc.count, until: doc.until.getTime() } : { count: 0, until: 0 };
  }

  /** Deletes the windows that have ended (off the request path; a failure only leaves them for the next time). */
  async prune(now = this.clock()): Promise<number> {
    const r = await this.model.deleteMany({ until: { $lte: new Date(now) } });
    return r.deletedCount ?? 0;
  }

  private maybePrune(now: number) {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.prune(now).catch(() => undefined);
  }
}

export class SharedRateLimiter {
  /**
   * Keys known to be over their limit, until their window ends: refused here without a database round trip. Correct
   * across nodes because a window's count only grows until it ends, and its end is fixed when it starts.
   */
  private readonly refused = new Map<string, number>();

  constructor(
    private readonly store: RateLimits,
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one attempt; throws RATE_LIMITED when the key has used its allowance in the current window (on any node). */
  async take(key: string, message = '操作太频繁，请稍后再试'): Promise<void> {
    if (this.knownRefused(key)) throw new AppError('RATE_LIMITED', message);
    const w = await this.store.hit(this.id(key), this.windowMs);
    // At the limit the allowance is used: the next attempt in this window is refused without asking the database.
    if (w.count >= this.limit) this.remember(key, w.until);
    if (w.count > this.limit) throw new AppError('RATE_LIMITED', message);
  }

  /** Counts one event (e.g. a failed login) without refusing anything; `exhausted` tells when the allowance is used. */
  async record(key: string): Promise<void> {
    const w = await this.store.hit(this.id(key), this.windowMs);
    if (w.count >= this.limit) this.remember(key, w.until);
  }

  /** Whether the key has used its whole allowance in the current window (counts nothing). */
  async exhausted(key: string): Promise<boolean> {
    if (this.knownRefused(key)) return true;
    const w = await this.store.count(this.id(key));
    if (w.count < this.limit) return false;
    this.remember(key, w.until);
    return true;
  }

  private id(key: string) {
    return `${this.name}|${key}`;
  }

  private knownRefused(key: string): boolean {
    const until = this.refused.get(key);
    if (until === undefined) return false;
    if (until > this.store.clock()) return true;
    this.refused.delete(key);
    return false;
  }

  private remember(key: string, until: number) {
    this.refused.set(key, until);
    if (this.refused.size > 10_000) {
      const now = this.store.clock();
      for (const [k, u] of this.refused) if (u <= now) this.refused.delete(k);
    }
  }
}

/**
 * The per-process limiter this module had before: each node counts alone, so N nodes allow N times the limit. Kept for
 * callers that cannot await (the device ingest's synchronous after-authentication hook) and for the notification
 * link's opens until their owners move them to `RateLimits.limiter`.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Throws RATE_LIMITED when the key has used its allowance in the current window (in this process). */
  take(key: string, message = '操作太频繁，请稍后再试'): void {
    const now = Date.now();
    const h = this.hits.get(key);
    if (!h || now - h.start >= this.windowMs) {
      this.hits.set(key, { start: now, count: 1 });
      if (this.hits.size > 10_000) this.prune(now);
      return;
    }
    if (h.count >= this.limit) throw new AppError('RATE_LIMITED', message);
    h.count += 1;
  }

  private prune(now: number) {
    for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k);
  }
}
