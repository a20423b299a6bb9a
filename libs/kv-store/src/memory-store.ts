/** Standalone KeyValueStore: an in-process Map with per-key expiry, for the embedded single-process mode. */
import type { KeyValueStore, TokenBucket, TokenTake } from '@vaxledger/kernel';
import { assertValidBucket, takeFromBucket } from './token-bucket';
import { assertValidTtl } from './ttl-validation';

interface Entry {
  value: string;
  /** Epoch ms after which the entry no longer exists; null = no expiry. */
  expiresAt: number | null;
}

export interface MemoryStoreOptions {
  /** Epoch milliseconds; injectable so tests can move time without waiting. */
  now?: () => number;
  /** How often expired entries are swept; reads check expiry themselves, the sweep only bounds memory. */
  sweepIntervalMs?: number;
}

export class MemoryStore implements KeyValueStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(options: MemoryStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sweepTimer = setInterval(() => this.sweepExpired(), options.sweepIntervalMs ?? 30_000);
    // The sweep must never keep the process alive on its own.
    this.sweepTimer.unref();
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.expiryFor(ttlMs) });
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.expiryFor(ttlMs) });
    return true;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async getMany(keys: string[]): Promise<Array<string | null>> {
    return keys.map((key) => this.live(key)?.value ?? null);
  }

  async setMany(entries: Array<{ key: string; value: string }>, ttlMs?: number): Promise<void> {
    const expiresAt = this.expiryFor(ttlMs);
    for (const { key, value } of entries) this.entries.set(key, { value, expiresAt });
  }

  async getAndDelete(key: string): Promise<string | null> {
    const entry = this.live(key);
    if (!entry) return null;
    this.entries.delete(key);
    return entry.value;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async increment(key: string, ttlMs?: number): Promise<number> {
    const entry = this.live(key);
    if (!entry) {
      this.entries.set(key, { value: '1', expiresAt: this.expiryFor(ttlMs) });
      return 1;
    }
    // Same rule as Redis INCR: only a base-10 integer string can be incremented.
    if (!/^-?\d+$/.test(entry.value)) throw new Error(`value at key is not an integer: cannot increment`);
    const next = Number(entry.value) + 1;
    if (!Number.isSafeInteger(next)) throw new Error('increment would overflow');
    entry.value = String(next);
    return next;
  }

  async takeToken(key: string, bucket: TokenBucket, nowMs: number): Promise<TokenTake> {
    assertValidBucket(bucket);
    const step = takeFromBucket(this.live(key)?.value ?? null, bucket, nowMs);
    if (step.next) this.entries.set(key, { value: step.next.value, expiresAt: this.now() + step.next.ttlMs });
    return step.result;
  }

  async addToSet(key: string, member: string, ttlMs: number): Promise<void> {
    const members = new Set(this.membersOf(key));
    members.add(member);
    this.entries.set(key, { value: JSON.stringify([...members]), expiresAt: this.expiryFor(ttlMs) });
  }

  async setMembers(key: string): Promise<string[]> {
    return this.membersOf(key);
  }

  async removeFromSet(key: string, member: string): Promise<void> {
    const entry = this.live(key);
    if (!entry) return;
    const members = this.membersOf(key).filter((m) => m !== member);
    if (members.length === 0) this.entries.delete(key);
    else entry.value = JSON.stringify(members);
  }

  private membersOf(key: string): string[] {
    const entry = this.live(key);
    return entry ? (JSON.parse(entry.value) as string[]) : [];
  }

  async ttlMs(key: string): Promise<number | null> {
    const entry = this.live(key);
    if (!entry || entry.expiresAt === null) return null;
    return entry.expiresAt - this.now();
  }

  async keys(prefix: string): Promise<string[]> {
    const found: string[] = [];
    for (const key of this.entries.keys()) {
      if (key.startsWith(prefix) && this.live(key)) found.push(key);
    }
    return found;
  }

  /** Readiness probe, same shape as RedisStore.ping. */
  async ping(): Promise<void> {
    return;
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.entries.clear();
  }

  /** Removes every expired entry now; runs periodically, public so tests can observe it. */
  sweepExpired(): number {
    const now = this.now();
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }

  /** Number of entries held, expired or not: lets tests see what the sweep reclaimed. */
  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private expiryFor(ttlMs: number | undefined): number | null {
    if (ttlMs === undefined) return null;
    assertValidTtl(ttlMs);
    return this.now() + ttlMs;
  }
}
