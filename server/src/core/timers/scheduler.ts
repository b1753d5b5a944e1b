// Arms persisted timers with node-schedule, re-arms them at boot, and fires each due job exactly once.
import crypto from 'node:crypto';
import schedule, { type Job } from 'node-schedule';
import type { Connection } from 'mongoose';
import type { Logger } from '../../logger';
import type { TimerDef } from '../feature';
import { TimerRepository } from './timer.repository';
import type { TimerDoc } from './timer.model';
import type { Metrics } from '../metrics';

export interface TimerJob {
  key: string;
  communityId: string;
  kind: string;
  fireAt: Date;
  payload: Record<string, unknown>;
}

export type TimerHandler = (job: TimerJob) => Promise<void>;

/**
 * Two ways a job is kept, one mechanism: `schedule()` persists it (a timer document, claimed with a lease so one node fires it);
 * `armDerived()` arms a job whose deadline already lives in a domain document (e.g. a ticket's slaDueAt) in memory only — no
 * timer document per item on the hot path — and the feature's `rearm` re-derives it at every boot. Derived handlers must be
 * idempotent through a conditional update, which is what makes them fire once across nodes.
 */

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 8;

/**
 * node-schedule keeps every pending invocation in one sorted array and inserts by bubbling from its end, so arming a deadline
 * that falls before thousands of later ones costs O(pending) (12 % of the server's CPU per ticket creation with ~10,000 SLA
 * and ladder timers armed). It is handed only the timers due within `horizonMs`; later ones wait in a map and are promoted by
 * a tick every `tickMs` (< horizon, so each is handed over before it is due).
 */
export interface SchedulerOptions {
  horizonMs?: number;
  tickMs?: number;
}
const HORIZON_MS = 10 * 60_000;
const TICK_MS = 60_000;

export class Scheduler {
  private readonly repo: TimerRepository;
  private readonly handlers = new Map<string, TimerHandler>();
  private readonly rearms = new Map<string, NonNullable<TimerDef['rearm']>>();
  private readonly derived = new Map<string, TimerJob>();
  private readonly jobs = new Map<string, Job>();
  /** Armed timers due beyond the horizon: key → when (not yet handed to node-schedule). */
  private readonly later = new Map<string, Date>();
  private readonly horizonMs: number;
  private readonly tickMs: number;
  private tickTimer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly owner = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  private sweepTimer?: NodeJS.Timeout;
  private running = false;

  constructor(
    conn: Connection,
    private readonly log: Logger,
    private readonly sweepMs: number,
    private readonly metrics?: Metrics,
    opts: SchedulerOptions = {},
  ) {
    this.repo = new TimerRepository(conn);
    this.horizonMs = opts.horizonMs ?? HORIZON_MS;
    this.tickMs = Math.min(opts.tickMs ?? TICK_MS, this.horizonMs / 2);
  }

  /** Registers a timer kind declared by a feature face: its handler, and how its jobs come back at boot. */
  use(def: TimerDef): void {
    if (this.handlers.has(def.kind)) throw new Error(`timer kind ${def.kind} declared twice`);
    this.handlers.set(def.kind, def.fire);
    if (def.rearm) this.rearms.set(def.kind, def.rearm);
  }

  /** Timers armed in this process now (persisted and derived), for the metrics. */
  armedCount(): number {
    return this.jobs.size + this.later.size;
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }

  /** Arms a derived timer (its deadline is persisted in the domain document, not here). */
  armDerived(t: TimerJob): void {
    this.derived.set(t.key, t);
    if (this.running) this.arm(t.key, t.fireAt);
  }

  /** Persists the timer first, then arms it; re-scheduling the same key replaces it. */
  async schedule(t: TimerJob): Promise<void> {
    await this.repo.upsert(t);
    if (this.running) this.arm(t.key, t.fireAt);
  }

  async cancel(key: string): Promise<void> {
    this.disarm(key);
    if (this.derived.delete(key)) return;
    await this.repo.cancel(key);
  }

  get(key: string) {
    return this.repo.get(key);
  }

  /**
   * The one re-arm path: every feature's `rearm` runs (persisted jobs it returns are stored unless their key exists), then every
   * pending timer document and every derived job is armed; those that came due while we were down fire at once.
   */
  async start(): Promise<void> {
    this.running = true;
    for (const [kind, rearm] of this.rearms) {
      try {
        for (const { persist, ...job } of await rearm()) {
          if (persist) await this.repo.insertIfAbsent({ ...job, kind });
          else this.derived.set(job.key, { ...job, kind });
        }
      } catch (err) {
        // One feature's data problem must not keep every other timer from arming.
        this.log.error({ err, kind }, 're-arming timers failed');
      }
    }
    const pending = await this.repo.armable();
    for (const t of pending) this.arm(t._id, t.status === 'running' ? new Date() : t.fireAt);
    for (const job of this.derived.values()) this.arm(job.key, job.fireAt);
    this.sweepTimer = setInterval(() => void this.sweep(), this.sweepMs);
    this.sweepTimer.unref();
    this.tickTimer = setInterval(() => this.promote(), this.tickMs);
    this.tickTimer.unref();
    this.log.info({ armed: pending.length, derived: this.derived.size }, 'timers armed');
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.tickTimer) clearInterval(this.tickTimer);
    for (const j of this.jobs.values()) j.cancel();
    this.jobs.clear();
    this.later.clear();
    this.derived.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private async fireDerived(job: TimerJob, attempt = 1): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) return this.log.error({ key: job.key, kind: job.kind }, 'no handler for timer kind');
    if (attempt === 1) this.metrics?.timerLag.observe({ kind: job.kind }, Math.max(0, Date.now() - job.fireAt.getTime()) / 1000);
    try {
      await handler(job);
      this.derived.delete(job.key);
    } catch (err) {
      this.log.error({ err, key: job.key, attempt }, 'derived timer handler failed');
      if (attempt >= MAX_ATTEMPTS || !this.running) return;
      const retry = setTimeout(() => this.track(this.fireDerived(job, attempt + 1)), Math.min(2 ** attempt * 1000, 300_000));
      retry.unref();
    }
  }

  private disarm(key: string): void {
    this.jobs.get(key)?.cancel();
    this.jobs.delete(key);
    this.later.delete(key);
  }

  /** Re-arming a key replaces what it had; beyond the horizon only a map entry is written. */
  private arm(key: string, fireAt: Date): void {
    this.disarm(key);
    const now = Date.now();
    if (fireAt.getTime() <= now) {
      setImmediate(() => this.track(this.fire(key)));
      return;
    }
    if (fireAt.getTime() > now + this.horizonMs) {
      this.later.set(key, fireAt);
      return;
    }
    const job = schedule.scheduleJob(fireAt, () => {
      this.jobs.delete(key);
      this.track(this.fire(key));
    });
    if (job) this.jobs.set(key, job);
    else setImmediate(() => this.track(this.fire(key)));
  }

  /** The tick: hands node-schedule the waiting timers that have come within the horizon. */
  private promote(): void {
    if (!this.running) return;
    const until = Date.now() + this.horizonMs;
    for (const [key, fireAt] of this.later) if (fireAt.getTime() <= until) this.arm(key, fireAt);
  }

  /** Catches timers armed by another node, and jobs whose node died mid-run. */
  private async sweep(): Promise<void> {
    if (!this.running) return;
    try {
      for (const t of await this.repo.due(new Date())) if (!this.jobs.has(t._id) && !this.later.has(t._id)) this.track(this.fire(t._id));
    } catch (err) {
      this.log.warn({ err }, 'timer sweep failed');
    }
  }

  private track(p: Promise<void>) {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async fire(key: string): Promise<void> {
    if (!this.running) return;
    const derived = this.derived.get(key);
    if (derived) return this.fireDerived(derived);
    let t: TimerDoc | null;
    try {
      t = await this.repo.claim(key, this.owner, LEASE_MS);
    } catch (err) {
      this.log.warn({ err, key }, 'timer claim failed');
      return;
    }
    if (!t) return;
    const handler = this.handlers.get(t.kind);
    if (!handler) {
      this.log.error({ key, kind: t.kind }, 'no handler for timer kind');
      await this.repo.retryLater(key, this.owner, new Date(Date.now() + 60_000), 'no handler');
      return;
    }
    if ((t.attempts ?? 1) <= 1) this.metrics?.timerLag.observe({ kind: t.kind }, Math.max(0, Date.now() - new Date(t.fireAt).getTime()) / 1000);
    try {
      await handler({ key, communityId: t.communityId, kind: t.kind, fireAt: t.fireAt, payload: t.payload });
      await this.repo.complete(key, this.owner);
    } catch (err) {
      const attempts = t.attempts ?? 1;
      this.log.error({ err, key, attempts }, 'timer handler failed');
      if (attempts >= MAX_ATTEMPTS) {
        await this.repo.complete(key, this.owner);
        return;
      }
      const retryAt = new Date(Date.now() + Math.min(2 ** attempts * 1000, 300_000));
      await this.repo.retryLater(key, this.owner, retryAt, String((err as Error)?.message ?? err));
      if (this.running) this.arm(key, retryAt);
    }
  }
}
