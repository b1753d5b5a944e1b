// Per-client login throttle: counts wrong passwords per client address (across usernames) and refuses further tries for a while.

/** Failures allowed from one address in WINDOW_MS before its attempts are refused until the window ends. */
export const CLIENT_POLICY = { MAX_FAILURES: 20, WINDOW_MS: 15 * 60_000 } as const;

export class ClientFailures {
  private readonly failures = new Map<string, { start: number; count: number }>();

  /** Whether this address has used up its failures in the current window. */
  blocked(client: string, now = Date.now()): boolean {
    const f = this.failures.get(client);
    return !!f && now - f.start < CLIENT_POLICY.WINDOW_MS && f.count >= CLIENT_POLICY.MAX_FAILURES;
  }

  record(client: string, now = Date.now()): void {
    const f = this.failures.get(client);
    if (!f || now - f.start >= CLIENT_POLICY.WINDOW_MS) this.failures.set(client, { start: now, count: 1 });
    else f.count += 1;
    if (this.failures.size > 10_000) {
      for (const [k, v] of this.failures) if (now - v.start >= CLIENT_POLICY.WINDOW_MS) this.failures.delete(k);
    }
  }
}
