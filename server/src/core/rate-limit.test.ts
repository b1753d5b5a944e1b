// Rate limits in the database: exact across two connections (as two server nodes are), windows that end, the refused fast path, pruning.
import type { Connection } from 'mongoose';
import { connectDb } from '../db/connection';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { AppError } from './errors';
import { RateLimits } from './rate-limit';

const conns: Connection[] = [];
let a: Connection;
let b: Connection;
beforeAll(async () => {
  const uri = testMongoUri(uniqueDbName('ratelimit'));
  a = await connectDb(uri);
  b = await connectDb(uri); // its own driver pool and, on PostgreSQL, its own advisory-lock sessions: a second node
  conns.push(a, b);
});
afterAll(() => Promise.all(conns.map((c) => c.close())));

const outcome = (p: Promise<void>) =>
  p.then(
    () => 'ok',
    (err) => (err instanceof AppError && err.code === 'RATE_LIMITED' ? 'limited' : Promise.reject(err)),
  );

it('60 parallel takes over two nodes let exactly the limit through', async () => {
  const [la, lb] = [new RateLimits(a).limiter('par', 25, 60_000), new RateLimits(b).limiter('par', 25, 60_000)];
  const results = await Promise.all(Array.from({ length: 60 }, (_, i) => outcome((i % 2 ? lb : la).take('k1'))));
  expect(results.filter((r) => r === 'ok')).toHaveLength(25);
  expect(results.filter((r) => r === 'limited')).toHaveLength(35);
  // Another key and another limiter name count apart.
  await expect(la.take('k2')).resolves.toBeUndefined();
  await expect(new RateLimits(a).limiter('other', 1, 60_000).take('k1')).resolves.toBeUndefined();
});

it('a window ends at its own start plus the window, then counts from one again (on whichever node)', async () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const clock = () => now;
  const [la, lb] = [new RateLimits(a, clock).limiter('win', 3, 10_000), new RateLimits(b, clock).limiter('win', 3, 10_000)];
  await la.take('k');
  now += 9_000; // the window started at the first hit, not at a clock boundary
  await lb.take('k');
  await la.take('k');
  await expect(lb.take('k', '太快了')).rejects.toMatchObject({ code: 'RATE_LIMITED', message: '太快了' });
  now += 999;
  await expect(la.take('k')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  now += 1; // 10 s after the first hit
  await la.take('k');
  await lb.take('k');
  await lb.take('k');
  await expect(la.take('k')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
});

it('record and exhausted: failures on one node block the other at exactly the limit', async () => {
  const [la, lb] = [new RateLimits(a).limiter('fail', 4, 60_000), new RateLimits(b).limiter('fail', 4, 60_000)];
  for (let i = 0; i < 3; i++) {
    await (i % 2 ? lb : la).record('1.2.3.4');
    expect(await la.exhausted('1.2.3.4')).toBe(false);
    expect(await lb.exhausted('1.2.3.4')).toBe(false);
  }
  await la.record('1.2.3.4');
  expect(await lb.exhausted('1.2.3.4')).toBe(true);
  expect(await la.exhausted('1.2.3.4')).toBe(true);
  expect(await lb.exhausted('5.6.7.8')).toBe(false);
});

it('prune deletes ended windows only', async () => {
  let now = Date.parse('2026-02-01T00:00:00Z');
  const limits = new RateLimits(a, () => now);
  await limits.limiter('short', 5, 1_000).take('x');
  await limits.limiter('long', 5, 60_000).take('x');
  now += 2_000;
  const deleted = await limits.prune();
  expect(deleted).toBeGreaterThanOrEqual(1);
  const left = await a.db!.collection('rate_limits').find({ _id: { $in: ['short|x', 'long|x'] } as never }).toArray();
  expect(left.map((d) => d._id)).toEqual(['long|x']);
});
