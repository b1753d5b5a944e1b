// Wrong-password counts for user names that are no account, kept in memory so they lock like real accounts (no enumeration).
import { LOGIN_POLICY } from './login-policy';

export interface FailureState {
  failedLogins: number;
  lastFailedAt: Date;
  lockedUntil: Date | null;
}

/** Bounded: past MAX names the oldest are forgotten (an attacker cycling names gains nothing; each starts at zero anyway). */
const MAX = 10_000;

export class PhantomFailures {
  private readonly byName = new Map<string, FailureState>();

  get(name: string): FailureState | undefined {
    return this.byName.get(name);
  }

  fail(name: string, now: Date): void {
    const prev = this.byName.get(name);
    const failedLogins = (prev?.failedLogins ?? 0) + 1;
    const stillLocked = prev?.lockedUntil && prev.lockedUntil > now;
    const lockedUntil = failedLogins >= LOGIN_POLICY.LOCK_AFTER && !stillLocked ? new Date(now.getTime() + LOGIN_POLICY.LOCK_MS) : (prev?.lockedUntil ?? null);
    this.byName.delete(name);
    this.byName.set(name, { failedLogins, lastFailedAt: now, lockedUntil });
    if (this.byName.size > MAX) this.byName.delete(this.byName.keys().next().value!);
  }
}
