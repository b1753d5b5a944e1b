// Staff sessions found valid in the last second, so a burst of requests on one session reads the database once; every revocation drops them.
import { performance } from 'node:perf_hooks';

/** What a revocation names: one session (logout, a replayed refresh token) or every session of an account. */
export type TokenDrop = { sid: string } | { staffId: string };

interface Entry {
  staffId: string;
  tv: number;
  mustChangePassword: boolean;
  /** The session's end (ms since the epoch): a hit after it reads the database again (a refresh may have moved it). */
  sessionEndsAt: number;
  /** performance.now() after which the entry is not used: the moment its read began plus the time to live. */
  until: number;
}

/** Taken before a database read: put() stores its answer only if no revocation arrived while it was in flight. */
export interface ReadStart {
  readonly generation: number;
  readonly at: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Only answers that let a request through are kept, and only for `ttlMs`, counted from when their read began: a change
 * made to the database behind the server's back (no drop) takes effect within that time; a revocation through the
 * service drops the entries of this node at once and of the other nodes before the revoking request returns
 * (StaffService.revoked).
 */
export class TokenCheckCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    readonly ttlMs: number,
    private readonly clock: { mono: () => number; wall: () => number } = { mono: () => performance.now(), wall: () => Date.now() },
  ) {}

  /** The cached answer for this session, account and token version, or undefined to read the database. */
  get(staffId: string, sid: string, tv: number): { mustChangePassword: boolean } | undefined {
    const e = this.entries.get(sid);
    if (!e) return undefined;
    if (e.until <= this.clock.mono() || e.sessionEndsAt <= this.clock.wall()) {
      this.entries.delete(sid);
      return undefined;
    }
    // Another account or version than the one found valid: the database decides.
    if (e.staffId !== staffId || e.tv !== tv) return undefined;
    return { mustChangePassword: e.mustChangePassword };
  }

  begin(): ReadStart {
    return { generation: this.generation, at: this.clock.mono() };
  }

  /** Keeps a valid answer read since `start`, unless something was dropped meanwhile (the read may predate it). */
  put(start: ReadStart, sid: string, v: { staffId: string; tv: number; mustChangePassword: boolean; sessionEndsAt: Date }): void {
    if (start.generation !== this.generation || this.ttlMs <= 0) return;
    this.entries.delete(sid);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sid, { staffId: v.staffId, tv: v.tv, mustChangePassword: v.mustChangePassword, sessionEndsAt: v.sessionEndsAt.getTime(), until: start.at + this.ttlMs });
  }

  drop(d: TokenDrop): void {
    this.generation++;
    if ('sid' in d) {
      this.entries.delete(d.sid);
      return;
    }
    for (const [sid, e] of this.entries) if (e.staffId === d.staffId) this.entries.delete(sid);
  }

  get size(): number {
    return this.entries.size;
  }
}
