// Per-client login throttle: counts wrong passwords per client address (across usernames, on every server node) and refuses further tries for a while.
import type { RateLimits, SharedRateLimiter } from '../../core/rate-limit';

/** Failures allowed from one address in WINDOW_MS before its attempts are refused until the window ends. */
export const CLIENT_POLICY = { MAX_FAILURES: 20, WINDOW_MS: 15 * 60_000 } as const;

/** Counted in the database (core/rate-limit): failures spread over several nodes add up to the same limit. */
export class ClientFailures {
  private readonly failures: SharedRateLimiter;
  constructor(limits: RateLimits) {
    this.failures = limits.limiter('login.client-failures', CLIENT_POLICY.MAX_FAILURES, CLIENT_POLICY.WINDOW_MS);
  }

  /** Whether this address has used up its failures in the current window. */
  blocked(client: string): Promise<boolean> {
    return this.failures.exhausted(client);
  }

  record(client: string): Promise<void> {
    return this.failures.record(client);
  }
}
