// Per-caller concurrency limit (one process): at most N expensive operations in flight per key; one more is refused at once with 429.
import { AppError } from './errors';

export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();
  constructor(private readonly max: number) {}

  /** Runs `fn` if the key has a free slot, else throws RATE_LIMITED without waiting (a queue would still pile work up). */
  async run<T>(key: string, fn: () => Promise<T>, message = '请求太多，请等上一次完成后再试'): Promise<T> {
    const n = this.inFlight.get(key) ?? 0;
    if (n >= this.max) throw new AppError('RATE_LIMITED', message);
    this.inFlight.set(key, n + 1);
    try {
      return await fn();
    } finally {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    }
  }
}

/** Searches a caller may have running at once (a panel sends one per keystroke pause; more is a script). */
export const SEARCHES_IN_FLIGHT = 2;
/** How long one search may scan before the database gives up on it. */
export const SEARCH_MAX_TIME_MS = 3000;

/** The database's answer when maxTimeMS ran out (MaxTimeMSExpired). */
export function isQueryTimeout(err: unknown): boolean {
  const e = err as { code?: number; codeName?: string };
  return e?.code === 50 || e?.codeName === 'MaxTimeMSExpired';
}

/** A search query that ran with maxTimeMS: its timeout becomes the Chinese 503 above, other errors pass. */
export function searchResult<T>(run: Promise<T>): Promise<T> {
  return run.catch((err: unknown) => {
    throw isQueryTimeout(err) ? searchTimeout() : err;
  });
}

export const searchTimeout = () => new AppError('UNAVAILABLE', '搜索超时，请缩小范围（更具体的关键词或加上筛选条件）后再试');
