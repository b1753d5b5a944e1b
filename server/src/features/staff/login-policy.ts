// Per-account login throttling policy: the growing wait after wrong passwords and the temporary lock.

/**
 * Per-account login throttling: after DELAY_AFTER wrong passwords in a row each further attempt waits twice as long
 * as the one before (1 s, 2 s, 4 s …, answered 429 without checking the password); LOCK_AFTER of them lock the
 * account for LOCK_MS or until an admin unlocks it. A right password resets the count.
 */
export const LOGIN_POLICY = { DELAY_AFTER: 3, LOCK_AFTER: 10, LOCK_MS: 15 * 60_000, MAX_DELAY_S: 300 } as const;

export function loginDelaySeconds(failures: number): number {
  return failures < LOGIN_POLICY.DELAY_AFTER ? 0 : Math.min(2 ** (failures - LOGIN_POLICY.DELAY_AFTER), LOGIN_POLICY.MAX_DELAY_S);
}
