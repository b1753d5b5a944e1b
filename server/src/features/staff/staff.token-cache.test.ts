// The staff token check cache: what it may answer, for how long, and that a revocation during a read is not undone by it.
import { TokenCheckCache } from './staff.token-cache';

const clock = () => {
  const c = { monoMs: 1_000, wallMs: Date.parse('2026-12-01T08:00:00Z'), mono: () => c.monoMs, wall: () => c.wallMs };
  return c;
};
const valid = (over: Partial<{ staffId: string; tv: number; mustChangePassword: boolean; sessionEndsAt: Date }> = {}) => ({
  staffId: 'st1',
  tv: 3,
  mustChangePassword: false,
  sessionEndsAt: new Date(Date.parse('2026-12-01T20:00:00Z')),
  ...over,
});

it('answers for the same account, session and token version until the entry has lived its time, counted from the read', () => {
  const c = clock();
  const cache = new TokenCheckCache(1000, c);
  const start = cache.begin();
  c.monoMs += 300; // the read took 300 ms
  cache.put(start, 'sidA', valid({ mustChangePassword: true }));
  expect(cache.get('st1', 'sidA', 3)).toEqual({ mustChangePassword: true });
  expect(cache.get('st1', 'sidA', 2)).toBeUndefined(); // an older token version
  expect(cache.get('st2', 'sidA', 3)).toBeUndefined(); // another account claiming the session
  expect(cache.get('st1', 'sidB', 3)).toBeUndefined();
  c.monoMs += 699;
  expect(cache.get('st1', 'sidA', 3)).toBeDefined();
  c.monoMs += 1; // 1000 ms after the read began
  expect(cache.get('st1', 'sidA', 3)).toBeUndefined();
  expect(cache.size).toBe(0);
});

it('never answers past the end of the session it saw', () => {
  const c = clock();
  const cache = new TokenCheckCache(1000, c);
  cache.put(cache.begin(), 'sidA', valid({ sessionEndsAt: new Date(c.wallMs + 10) }));
  expect(cache.get('st1', 'sidA', 3)).toBeDefined();
  c.wallMs += 10;
  expect(cache.get('st1', 'sidA', 3)).toBeUndefined();
});

it('drops one session or every session of an account', () => {
  const cache = new TokenCheckCache(1000, clock());
  cache.put(cache.begin(), 'a1', valid());
  cache.put(cache.begin(), 'a2', valid());
  cache.put(cache.begin(), 'b1', valid({ staffId: 'st2' }));
  cache.drop({ sid: 'a1' });
  expect(cache.get('st1', 'a1', 3)).toBeUndefined();
  expect(cache.get('st1', 'a2', 3)).toBeDefined();
  cache.drop({ staffId: 'st1' });
  expect(cache.get('st1', 'a2', 3)).toBeUndefined();
  expect(cache.get('st2', 'b1', 3)).toBeDefined();
});

it('a read that began before a revocation is not kept: it may have seen the account before the change', () => {
  const cache = new TokenCheckCache(1000, clock());
  const before = cache.begin();
  cache.drop({ staffId: 'someone-else' }); // any revocation: the cache does not know what the read saw
  cache.put(before, 'sidA', valid());
  expect(cache.get('st1', 'sidA', 3)).toBeUndefined();
  const after = cache.begin();
  cache.put(after, 'sidA', valid());
  expect(cache.get('st1', 'sidA', 3)).toBeDefined();
});

it('a lifetime of 0 keeps nothing', () => {
  const cache = new TokenCheckCache(0, clock());
  cache.put(cache.begin(), 'sidA', valid());
  expect(cache.get('st1', 'sidA', 3)).toBeUndefined();
});

it('holds at most 10,000 sessions, forgetting the oldest first', () => {
  const cache = new TokenCheckCache(1000, clock());
  for (let i = 0; i <= 10_000; i++) cache.put(cache.begin(), `s${i}`, valid());
  expect(cache.size).toBe(10_000);
  expect(cache.get('st1', 's0', 3)).toBeUndefined();
  expect(cache.get('st1', 's1', 3)).toBeDefined();
  expect(cache.get('st1', 's10000', 3)).toBeDefined();
});
