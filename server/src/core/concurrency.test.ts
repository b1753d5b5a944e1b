// The per-caller concurrency limit: the slot count is exact, another caller is never affected, and a slot frees when work ends or fails.
import { AppError } from './errors';
import { ConcurrencyLimiter } from './concurrency';

it('refuses the third concurrent run of one key with 429, serves other keys, and frees slots on success and failure', async () => {
  const limiter = new ConcurrencyLimiter(2);
  const gates: Array<() => void> = [];
  const held = () => new Promise<string>((resolve) => gates.push(() => resolve('done')));
  const a1 = limiter.run('staff:a', held);
  const a2 = limiter.run('staff:a', held);
  await expect(limiter.run('staff:a', held)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  const b1 = limiter.run('staff:b', async () => 'other caller');
  await expect(b1).resolves.toBe('other caller');
  gates.shift()!();
  await expect(a1).resolves.toBe('done');
  // One slot free again.
  const a3 = limiter.run('staff:a', held);
  await expect(limiter.run('staff:a', held)).rejects.toBeInstanceOf(AppError);
  await expect(limiter.run('staff:a', async () => Promise.reject(new Error('x')))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  for (const g of gates.splice(0)) g();
  await Promise.all([a2, a3]);
  await expect(limiter.run('staff:a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  await expect(limiter.run('staff:a', async () => 1)).resolves.toBe(1);
  await expect(limiter.run('staff:a', async () => 2)).resolves.toBe(2);
});
