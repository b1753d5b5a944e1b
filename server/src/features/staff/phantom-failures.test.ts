// Names that are no account lock after the same number of wrong passwords as real accounts, and stay bounded in memory.
import { LOGIN_POLICY } from './login-policy';
import { PhantomFailures } from './phantom-failures';

it('locks a phantom name at LOCK_AFTER failures for LOCK_MS, and locks again at the next failure after that', () => {
  const p = new PhantomFailures();
  const t0 = new Date('2026-12-01T03:00:00Z').getTime();
  for (let i = 1; i < LOGIN_POLICY.LOCK_AFTER; i++) {
    p.fail('ghost', new Date(t0 + i * 1000));
    expect(p.get('ghost')!.lockedUntil).toBeNull();
  }
  const at = new Date(t0 + 60_000);
  p.fail('ghost', at);
  expect(p.get('ghost')).toMatchObject({ failedLogins: LOGIN_POLICY.LOCK_AFTER, lockedUntil: new Date(at.getTime() + LOGIN_POLICY.LOCK_MS) });
  const later = new Date(at.getTime() + LOGIN_POLICY.LOCK_MS + 1);
  p.fail('ghost', later);
  expect(p.get('ghost')!.lockedUntil).toEqual(new Date(later.getTime() + LOGIN_POLICY.LOCK_MS));
  expect(p.get('someone-else')).toBeUndefined();
});

it('forgets the oldest names past 10,000', () => {
  const p = new PhantomFailures();
  const now = new Date();
  for (let i = 0; i <= 10_000; i++) p.fail(`n${i}`, now);
  expect(p.get('n0')).toBeUndefined();
  expect(p.get('n10000')!.failedLogins).toBe(1);
});
