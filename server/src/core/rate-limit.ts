// Fixed-window rate limiter per key (one process; a multi-node deployment would move this to the database).
import { AppError } from '../core/errors';

export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Throws RATE_LIMITED when the key has used its allowance in the current window. */
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
