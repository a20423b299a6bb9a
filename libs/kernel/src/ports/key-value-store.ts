/** A token bucket: holds at most `capacity` tokens and regains one every `refillIntervalMs`. */
export interface TokenBucket {
  capacity: number;
  refillIntervalMs: number;
}

export interface TokenTake {
  /** True when a token was taken (the action may go ahead). */
  taken: boolean;
  /** Whole tokens left after this call. */
  remaining: number;
  /** When refused: how long until a token is available again; 0 when taken. */
  retryAfterMs: number;
}

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
  /**
   * Atomically refills the bucket at `key` for the time since its last use (a new bucket starts full) and takes
   * one token when there is one. `nowMs` is the caller's clock, so every adapter (and every process sharing
   * one bucket) judges time alike. A refused call changes nothing. The entry expires once the bucket would be
   * full again, so idle buckets cost nothing.
   */
  takeToken(key: string, bucket: TokenBucket, nowMs: number): Promise<TokenTake>;
  /** Remaining time to live in ms, null when the key is absent or has no expiry. */
  ttlMs(key: string): Promise<number | null>;
  /**
   * Adds a member to the set at `key` atomically (concurrent adds all land) and sets the set's expiry to
   * `ttlMs` from now: a per-owner index, e.g. the sessions of one account, read without scanning keys.
   */
  addToSet(key: string, member: string, ttlMs: number): Promise<void>;
  /** The members of the set at `key` (any order); empty when absent or expired. */
  setMembers(key: string): Promise<string[]>;
  /** Removes a member atomically; removing the last one removes the set. */
  removeFromSet(key: string, member: string): Promise<void>;
  /** Keys with the given prefix (small sets only: sessions of one account and the like). */
  keys(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}
