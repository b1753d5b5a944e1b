// Durable outbox: every accepted message is journaled (fsync'd JSON lines in the data dir) before it is sent, then retried with backoff until the server has it; replayed at restart.
import fs from 'node:fs';
import path from 'node:path';
import { isRetryable } from './api';

export interface OutboxJob<T = unknown> {
  /** Idempotency key sent to the server: the same job can never become two tickets. */
  key: string;
  createdAt: string;
  attempts: number;
  data: T;
  /** Progress saved between attempts (e.g. an upload id, a transcript), so a retry does not redo it. */
  state: Record<string, unknown>;
}

type Record_ =
  | { t: 'add'; job: OutboxJob }
  | { t: 'patch'; key: string; state: Record<string, unknown>; attempts?: number }
  | { t: 'done'; key: string; at: string; failed?: string };

export interface OutboxOptions<T, R> {
  dir: string;
  /** Sends one job; throw a retryable error (server down, 5xx) to try again later. */
  deliver: (job: OutboxJob<T>, outbox: Outbox<T, R>) => Promise<R>;
  /** Called after a delivery that was not awaited by the caller (retries, replay after restart). */
  onLateDelivery?: (job: OutboxJob<T>, result: R) => void | Promise<void>;
  /** A job the server refused for good (4xx): dropped from the queue, reported here. */
  onGiveUp?: (job: OutboxJob<T>, err: unknown) => void | Promise<void>;
  baseDelayMs?: number;
  maxDelayMs?: number;
  log?: (msg: string, extra?: unknown) => void;
}

export type DeliverNow<R> = { ok: true; result: R } | { ok: false; retrying: boolean; error: unknown };

export class Outbox<T = unknown, R = unknown> {
  private readonly file: string;
  private readonly blobDir: string;
  private readonly jobs = new Map<string, OutboxJob<T>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<DeliverNow<R>>>();
  private fd: number | null = null;
  private stopped = false;

  constructor(private readonly o: OutboxOptions<T, R>) {
    this.file = path.join(o.dir, 'outbox.jsonl');
    this.blobDir = path.join(o.dir, 'outbox-blobs');
  }

  /** Reads the journal (tolerating a torn last line from a crash) and compacts it to what is pending; `resume()` replays it. */
  open(): void {
    fs.mkdirSync(this.blobDir, { recursive: true });
    if (fs.existsSync(this.file)) {
      for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let r: Record_;
        try {
          r = JSON.parse(line) as Record_;
        } catch {
          continue;
        }
        if (r.t === 'add') this.jobs.set(r.job.key, r.job as OutboxJob<T>);
        else if (r.t === 'patch') {
          const j = this.jobs.get(r.key);
          if (j) {
            Object.assign(j.state, r.state);
            if (r.attempts !== undefined) j.attempts = r.attempts;
          }
        } else if (r.t === 'done') {
          this.jobs.delete(r.key);
          this.removeBlob(r.key);
        }
      }
    }
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, [...this.jobs.values()].map((job) => JSON.stringify({ t: 'add', job }) + '\n').join(''));
    fs.renameSync(tmp, this.file);
    this.fd = fs.openSync(this.file, 'a');
    this.stopped = false;
  }

  /** Schedules every pending job (after a restart, once the bot can answer again). */
  resume(): void {
    let i = 0;
    for (const key of this.jobs.keys()) if (!this.timers.has(key) && !this.running.has(key)) this.schedule(key, 100 + 100 * i++);
  }

  close(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /** How much is waiting for the server: jobs, and the age of the oldest in seconds (0 when empty). */
  stats(now = Date.now()): { depth: number; oldestSeconds: number } {
    let oldest = now;
    for (const j of this.jobs.values()) oldest = Math.min(oldest, Date.parse(j.createdAt) || now);
    return { depth: this.jobs.size, oldestSeconds: Math.max(0, Math.round((now - oldest) / 1000)) };
  }

  pending(): OutboxJob<T>[] {
    return [...this.jobs.values()];
  }

  has(key: string): boolean {
    return this.jobs.has(key);
  }

  private append(r: Record_): void {
    if (this.fd === null) throw new Error('outbox is not open');
    fs.writeSync(this.fd, JSON.stringify(r) + '\n');
    fs.fsyncSync(this.fd);
  }

  /** Durably records a job (and its audio, if any) before anything is sent. Adding a known key is a no-op. */
  add(key: string, data: T, blob?: Buffer): OutboxJob<T> {
    const existing = this.jobs.get(key);
    if (existing) return existing;
    if (blob) {
      const p = this.blobPath(key);
      const fd = fs.openSync(p, 'w');
      fs.writeSync(fd, blob);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
    const job: OutboxJob<T> = { key, createdAt: new Date().toISOString(), attempts: 0, data, state: {} };
    this.append({ t: 'add', job });
    this.jobs.set(key, job);
    return job;
  }

  /** Saves progress of a job so a retry (or a restart) continues from there. */
  patch(key: string, state: Record<string, unknown>): void {
    const j = this.jobs.get(key);
    if (!j) return;
    Object.assign(j.state, state);
    this.append({ t: 'patch', key, state });
  }

  blob(key: string): Buffer | undefined {
    const p = this.blobPath(key);
    return fs.existsSync(p) ? fs.readFileSync(p) : undefined;
  }

  private blobPath(key: string) {
    return path.join(this.blobDir, `${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.bin`);
  }

  private removeBlob(key: string) {
    fs.rmSync(this.blobPath(key), { force: true });
  }

  /** Tries the job now; on a retryable failure it stays queued and is retried with backoff. */
  deliverNow(key: string): Promise<DeliverNow<R>> {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
    const inFlight = this.running.get(key);
    if (inFlight) return inFlight;
    const p = this.attempt(key).finally(() => this.running.delete(key));
    this.running.set(key, p);
    return p;
  }

  private async attempt(key: string): Promise<DeliverNow<R>> {
    const job = this.jobs.get(key);
    if (!job) return { ok: false, retrying: false, error: new Error('no such job') };
    job.attempts += 1;
    try {
      const result = await this.o.deliver(job, this);
      if (this.stopped) return { ok: true, result };
      this.append({ t: 'done', key, at: new Date().toISOString() });
      this.jobs.delete(key);
      this.removeBlob(key);
      return { ok: true, result };
    } catch (error) {
      if (this.stopped) return { ok: false, retrying: true, error };
      if (isRetryable(error)) {
        this.append({ t: 'patch', key, state: {}, attempts: job.attempts });
        this.schedule(key, this.backoff(job.attempts));
        this.o.log?.('outbox: will retry', { key, attempts: job.attempts, error: (error as Error).message });
        return { ok: false, retrying: true, error };
      }
      this.append({ t: 'done', key, at: new Date().toISOString(), failed: (error as Error).message });
      this.jobs.delete(key);
      this.removeBlob(key);
      await this.o.onGiveUp?.(job, error);
      return { ok: false, retrying: false, error };
    }
  }

  private backoff(attempts: number): number {
    const base = this.o.baseDelayMs ?? 1000;
    const max = this.o.maxDelayMs ?? 60_000;
    const d = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
    return Math.round(d * (0.8 + Math.random() * 0.4));
  }

  private schedule(key: string, delayMs: number): void {
    if (this.stopped) return;
    const prev = this.timers.get(key);
    if (prev) clearTimeout(prev);
    const t = setTimeout(() => {
      this.timers.delete(key);
      const job = this.jobs.get(key);
      if (this.stopped || this.running.has(key) || !job) return;
      const p = this.attempt(key).finally(() => this.running.delete(key));
      this.running.set(key, p);
      void p.then(async (r) => {
        if (r.ok && !this.stopped) await this.o.onLateDelivery?.(job, r.result);
      });
    }, delayMs);
    t.unref?.();
    this.timers.set(key, t);
  }
}
