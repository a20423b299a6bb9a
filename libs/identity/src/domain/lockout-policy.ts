/**
 * When a run of failed sign-ins locks an account, and for how long. The lock lifts by itself after a
 * back-off that doubles with every lock of the last 24 hours (15 min, 30 min, 1 h, … at most 24 h), or at
 * once when an administrator in scope unlocks it.
 */
export interface LockoutPolicy {
  baseLockMs: number;
  maxLockMs: number;
}

export const defaultLockoutPolicy: LockoutPolicy = { baseLockMs: 15 * 60_000, maxLockMs: 24 * 3600_000 };

const recentWindowMs = 24 * 3600_000;

export function lockDuration(policy: LockoutPolicy, previousLockTimes: readonly string[], now: Date): number {
  const recent = previousLockTimes.filter((t) => now.getTime() - Date.parse(t) < recentWindowMs).length;
  return Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** Math.min(recent, 20));
}
