/**
 * The arithmetic of `KeyValueStore.takeToken`, shared by the in-process adapters; the Redis adapter runs the
 * same steps in a Lua script. State is stored as `<tokens>|<last refill ms>`, tokens possibly fractional.
 */
import type { TokenBucket, TokenTake } from '@vaxledger/kernel';

export interface BucketStep {
  result: TokenTake;
  /** The state to store, or null when nothing changes (a refused take). */
  next: { value: string; ttlMs: number } | null;
}

export function assertValidBucket(bucket: TokenBucket): void {
  if (!Number.isInteger(bucket.capacity) || bucket.capacity < 1) throw new RangeError('bucket capacity must be a positive integer');
  if (!Number.isFinite(bucket.refillIntervalMs) || bucket.refillIntervalMs < 1) throw new RangeError('bucket refill interval must be ≥ 1 ms');
}

export function takeFromBucket(stored: string | null, bucket: TokenBucket, nowMs: number): BucketStep {
  let tokens = bucket.capacity;
  let last = nowMs;
  if (stored !== null) {
    const [storedTokens, storedLast] = stored.split('|').map(Number);
    if (Number.isFinite(storedTokens) && Number.isFinite(storedLast)) {
      tokens = storedTokens;
      last = storedLast;
    }
  }
  if (nowMs > last) {
    tokens = Math.min(bucket.capacity, tokens + (nowMs - last) / bucket.refillIntervalMs);
    last = nowMs;
  }
  if (tokens < 1) {
    return { result: { taken: false, remaining: 0, retryAfterMs: Math.ceil((1 - tokens) * bucket.refillIntervalMs) }, next: null };
  }
  tokens -= 1;
  return {
    result: { taken: true, remaining: Math.floor(tokens), retryAfterMs: 0 },
    next: { value: `${tokens}|${last}`, ttlMs: Math.ceil((bucket.capacity - tokens) * bucket.refillIntervalMs) + 1 },
  };
}
