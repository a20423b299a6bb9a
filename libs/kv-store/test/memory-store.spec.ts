import { MemoryStore } from '@vaxledger/kv-store';
import { keyValueStoreContract } from './kv-store.contract';

describe('MemoryStore contract', () => {
  keyValueStoreContract({ open: async () => new MemoryStore() });
});

describe('MemoryStore with an injected clock', () => {
  let now = 1_000_000;
  let store: MemoryStore;

  beforeEach(() => {
    now = 1_000_000;
    store = new MemoryStore({ now: () => now });
  });

  afterEach(() => store.close());

  it('expires an OTP challenge exactly when its five minutes are up', async () => {
    await store.set('otp:challenge-1', 'hash', 300_000);
    now += 299_999;
    expect(await store.get('otp:challenge-1')).toBe('hash');
    expect(await store.ttlMs('otp:challenge-1')).toBe(1);
    now += 1;
    expect(await store.get('otp:challenge-1')).toBeNull();
  });

  it('reclaims expired entries in the sweep even when nobody reads them', async () => {
    await store.set('session:a', 'x', 1_000);
    await store.set('session:b', 'x', 5_000);
    await store.set('session:c', 'x');
    now += 2_000;
    expect(store.sweepExpired()).toBe(1);
    expect(store.size).toBe(2);
    now += 10_000;
    expect(store.sweepExpired()).toBe(1);
    expect(store.size).toBe(1);
  });

  it('keeps a lockout window fixed from the first failure', async () => {
    await store.increment('lockout:acct-1', 60_000);
    now += 59_000;
    await store.increment('lockout:acct-1', 60_000);
    expect(await store.ttlMs('lockout:acct-1')).toBe(1_000);
  });

  it('refuses a TTL that is not a positive integer', async () => {
    await expect(store.set('k', 'v', 0)).rejects.toThrow(RangeError);
    await expect(store.increment('k', -5)).rejects.toThrow(RangeError);
  });
});
