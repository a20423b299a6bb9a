/** Short-lived state: OTP challenges, counters, sessions, idempotency keys. Adapters: RedisStore, MemoryStore. */
export interface KeyValueStore {
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only when the key is absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  /** Values of many keys in one round trip, in the order asked; null where absent or expired. */
  getMany(keys: string[]): Promise<Array<string | null>>;
  /** Sets many keys in one round trip (one transaction where the adapter has them), all with the same TTL. */
  setMany(entries: Array<{ key: string; value: string }>, ttlMs?: number): Promise<void>;
  /** Atomically reads and removes. */
  getAndDelete(key: string): Promise<string | null>;
  delete(key: string): Promise<void>;
  /** Atomic increment; the TTL is applied when the counter is created and is not extended by later increments. */
  increment(key: string, ttlMs?: number): Promise<number>;
  /** Remaining time to live in ms, null when the key is absent or has no expiry. */
  ttlMs(key: string): Promise<number | null>;
  /** Keys with the given prefix (small sets only: sessions of one account and the like). */
  keys(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}
