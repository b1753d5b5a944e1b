// Counts failed device authentications per source address in fixed windows; a source over its allowance is refused before any work is done.
import { AppError } from '../../core/errors';

export class FailureLimit {
  private readonly fails = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Throws RATE_LIMITED while this source has used up its failures for the window; a success costs nothing. */
  check(source: string): void {
    const f = this.fails.get(source);
    if (f && Date.now() - f.start < this.windowMs && f.count >= this.limit) {
      throw new AppError('RATE_LIMITED', '设备认证失败次数过多，请稍后再试');
    }
  }

  fail(source: string): void {
    const now = Date.now();
    const f = this.fails.get(source);
    if (!f || now - f.start >= this.windowMs) {
      this.fails.set(source, { start: now, count: 1 });
      if (this.fails.size > 10_000) this.prune(now);
      return;
    }
    f.count += 1;
  }

  private prune(now: number) {
    for (const [k, v] of this.fails) if (now - v.start >= this.windowMs) this.fails.delete(k);
  }
}
