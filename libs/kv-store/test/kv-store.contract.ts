/** The one behaviour every KeyValueStore adapter must show; each adapter's spec runs it against its engine. */
import type { KeyValueStore } from '@vaxledger/kernel';

export interface KeyValueStoreHarness {
  /** A store whose keys live under `namespace`; two stores with different namespaces must not see each other. */
  open(namespace: string): Promise<KeyValueStore>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function keyValueStoreContract(harness: KeyValueStoreHarness): void {
  let store: KeyValueStore;
  const opened: KeyValueStore[] = [];
  let namespaceCounter = 0;

  async function openFresh(): Promise<KeyValueStore> {
    // A unique namespace per test so runs against a shared server never collide.
    const namespace = `vx:contract:${process.pid}:${Date.now()}:${++namespaceCounter}:`;
    const opened_ = await harness.open(namespace);
    opened.push(opened_);
    return opened_;
  }

  beforeEach(async () => {
    store = await openFresh();
  });

  afterEach(async () => {
    for (const each of opened.splice(0)) {
      for (const key of await each.keys('')) await each.delete(key);
      await each.close();
    }
  });

  it('returns what was set and null for a key never set', async () => {
    await store.set('session:a', 'payload-a');
    expect(await store.get('session:a')).toBe('payload-a');
    expect(await store.get('session:never')).toBeNull();
  });

  it('overwrites a value and clears its expiry when set again without a TTL', async () => {
    await store.set('otp:1', 'first', 10_000);
    await store.set('otp:1', 'second');
    expect(await store.get('otp:1')).toBe('second');
    expect(await store.ttlMs('otp:1')).toBeNull();
  });

  it('forgets a value once its TTL has passed', async () => {
    await store.set('otp:short', 'code', 150);
    await store.set('otp:long', 'code', 10_000);
    expect(await store.get('otp:short')).toBe('code');
    await sleep(300);
    expect(await store.get('otp:short')).toBeNull();
    expect(await store.ttlMs('otp:short')).toBeNull();
    expect(await store.get('otp:long')).toBe('code');
  });

  it('reports the remaining TTL, and null for keys without expiry or absent keys', async () => {
    await store.set('challenge:1', 'x', 5_000);
    await store.set('permanent', 'x');
    const remaining = await store.ttlMs('challenge:1');
    expect(remaining).not.toBeNull();
    expect(remaining!).toBeGreaterThan(4_000);
    expect(remaining!).toBeLessThanOrEqual(5_000);
    expect(await store.ttlMs('permanent')).toBeNull();
    expect(await store.ttlMs('absent')).toBeNull();
  });

  it('hands out a step-up token once: get-and-delete returns the value, then null', async () => {
    await store.set('step-up:token-1', 'account-7', 5_000);
    expect(await store.getAndDelete('step-up:token-1')).toBe('account-7');
    expect(await store.getAndDelete('step-up:token-1')).toBeNull();
    expect(await store.get('step-up:token-1')).toBeNull();
  });

  it('gives a single-use token to exactly one of 20 concurrent redeemers', async () => {
    await store.set('step-up:raced', 'account-9', 5_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => store.getAndDelete('step-up:raced')));
    expect(results.filter((value) => value === 'account-9')).toHaveLength(1);
    expect(results.filter((value) => value === null)).toHaveLength(19);
  });

  it('sets a key only when absent, and reports whether this call set it', async () => {
    expect(await store.setIfAbsent('idempotency:req-1', 'first', 5_000)).toBe(true);
    expect(await store.setIfAbsent('idempotency:req-1', 'second', 5_000)).toBe(false);
    expect(await store.get('idempotency:req-1')).toBe('first');
  });

  it('lets exactly one of 20 concurrent callers claim an idempotency key', async () => {
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, caller) =>
        store.setIfAbsent('idempotency:raced', `caller-${caller}`, 5_000),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = claims.indexOf(true);
    expect(await store.get('idempotency:raced')).toBe(`caller-${winner}`);
  });

  it('allows a key to be claimed again after its TTL has passed', async () => {
    expect(await store.setIfAbsent('totp-used:acct:123456', '1', 150)).toBe(true);
    await sleep(300);
    expect(await store.setIfAbsent('totp-used:acct:123456', '1', 150)).toBe(true);
  });

  it('counts 100 concurrent failed attempts exactly', async () => {
    const values = await Promise.all(
      Array.from({ length: 100 }, () => store.increment('failures:acct-1', 60_000)),
    );
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await store.get('failures:acct-1')).toBe('100');
  });

  it('sets a counter TTL when the counter is created and does not extend it on later increments', async () => {
    expect(await store.increment('rate:acct-1:minute', 400)).toBe(1);
    await sleep(200);
    expect(await store.increment('rate:acct-1:minute', 400)).toBe(2);
    const remaining = await store.ttlMs('rate:acct-1:minute');
    expect(remaining).not.toBeNull();
    expect(remaining!).toBeLessThanOrEqual(210);
    await sleep(300);
    // The window closed 400 ms after the first attempt; a fresh counter starts at 1.
    expect(await store.get('rate:acct-1:minute')).toBeNull();
    expect(await store.increment('rate:acct-1:minute', 400)).toBe(1);
  });

  it('keeps a counter without TTL when none is given', async () => {
    expect(await store.increment('total')).toBe(1);
    expect(await store.increment('total')).toBe(2);
    expect(await store.ttlMs('total')).toBeNull();
  });

  it('refuses to increment a value that is not an integer', async () => {
    await store.set('not-a-counter', 'abc');
    await expect(store.increment('not-a-counter')).rejects.toThrow();
    expect(await store.get('not-a-counter')).toBe('abc');
  });

  it('deletes a key, and deleting an absent key is harmless', async () => {
    await store.set('session:gone', 'x');
    await store.delete('session:gone');
    await store.delete('session:never-there');
    expect(await store.get('session:gone')).toBeNull();
  });

  it('lists the keys with a prefix and nothing else, without expired ones', async () => {
    await store.set('sessions:acct-1:s1', 'a');
    await store.set('sessions:acct-1:s2', 'b');
    await store.set('sessions:acct-1:expiring', 'c', 150);
    await store.set('sessions:acct-10:s1', 'c');
    await store.set('otp:acct-1', 'd');
    await sleep(300);
    expect((await store.keys('sessions:acct-1:')).sort()).toEqual([
      'sessions:acct-1:s1',
      'sessions:acct-1:s2',
    ]);
    expect((await store.keys('')).sort()).toEqual(
      ['otp:acct-1', 'sessions:acct-1:s1', 'sessions:acct-1:s2', 'sessions:acct-10:s1'].sort(),
    );
  });

  it('reads many keys in the order asked, with null for absent ones', async () => {
    await store.set('processed:a', 'first');
    await store.set('processed:c', 'third');
    expect(await store.getMany(['processed:c', 'processed:b', 'processed:a'])).toEqual(['third', null, 'first']);
    expect(await store.getMany([])).toEqual([]);
  });

  it('sets many keys at once, overwriting existing ones, and expires them together', async () => {
    await store.set('processed:x', 'old');
    await store.setMany(
      [
        { key: 'processed:x', value: 'new' },
        { key: 'processed:y', value: 'y' },
      ],
      150,
    );
    expect(await store.getMany(['processed:x', 'processed:y'])).toEqual(['new', 'y']);
    const ttl = await store.ttlMs('processed:y');
    expect(ttl).not.toBeNull();
    expect(ttl!).toBeLessThanOrEqual(150);
    await sleep(300);
    expect(await store.getMany(['processed:x', 'processed:y'])).toEqual([null, null]);
    await store.setMany([]);
  });

  it('treats glob characters in a key prefix literally', async () => {
    await store.set('weird:*:key', 'a');
    await store.set('weird:x:key', 'b');
    expect(await store.keys('weird:*')).toEqual(['weird:*:key']);
  });

  it('keeps two services with different namespaces apart', async () => {
    const identity = store;
    const registry = await openFresh();
    await identity.set('shared-name', 'identity-value');
    await registry.set('shared-name', 'registry-value');
    await identity.increment('counter');
    expect(await identity.get('shared-name')).toBe('identity-value');
    expect(await registry.get('shared-name')).toBe('registry-value');
    expect(await registry.get('counter')).toBeNull();
    expect(await registry.keys('')).toEqual(['shared-name']);
    expect(await registry.getAndDelete('counter')).toBeNull();
    expect(await identity.get('counter')).toBe('1');
  });

  it('takes tokens from a new bucket up to its capacity, then refuses with the time until the next one', async () => {
    const bucket = { capacity: 3, refillIntervalMs: 1_000 };
    const now = 1_700_000_000_000;
    const takes = [];
    for (let i = 0; i < 4; i++) takes.push(await store.takeToken('login:address:10.0.0.1', bucket, now));
    expect(takes.map((t) => t.taken)).toEqual([true, true, true, false]);
    expect(takes.map((t) => t.remaining)).toEqual([2, 1, 0, 0]);
    expect(takes[3].retryAfterMs).toBe(1_000);
    // Half an interval later half a token has come back: still refused, half the wait.
    expect(await store.takeToken('login:address:10.0.0.1', bucket, now + 500)).toEqual({ taken: false, remaining: 0, retryAfterMs: 500 });
    expect((await store.takeToken('login:address:10.0.0.1', bucket, now + 1_000)).taken).toBe(true);
    // A long pause refills to capacity, never beyond it.
    const refilled = await store.takeToken('login:address:10.0.0.1', bucket, now + 60_000);
    expect(refilled).toEqual({ taken: true, remaining: 2, retryAfterMs: 0 });
    // Other keys have their own bucket.
    expect((await store.takeToken('login:address:10.0.0.2', bucket, now)).remaining).toBe(2);
  });

  it('gives exactly the capacity to 50 concurrent takers of one bucket', async () => {
    const bucket = { capacity: 5, refillIntervalMs: 60_000 };
    const now = Date.now();
    const takes = await Promise.all(Array.from({ length: 50 }, () => store.takeToken('login:username:raced', bucket, now)));
    expect(takes.filter((t) => t.taken)).toHaveLength(5);
    expect(takes.filter((t) => !t.taken).every((t) => t.retryAfterMs > 0)).toBe(true);
  });

  it('forgets a bucket once it would be full again', async () => {
    const bucket = { capacity: 2, refillIntervalMs: 100 };
    await store.takeToken('login:idle', bucket, Date.now());
    const ttl = await store.ttlMs('login:idle');
    expect(ttl).not.toBeNull();
    expect(ttl!).toBeLessThanOrEqual(101);
    await sleep(300);
    expect(await store.get('login:idle')).toBeNull();
  });

  it('keeps a set of members, adding and removing atomically under concurrency', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.addToSet('sessions-of:acct-1', `s${i}`, 60_000)));
    expect((await store.setMembers('sessions-of:acct-1')).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `s${i}`).sort());
    await store.addToSet('sessions-of:acct-1', 's0', 60_000);
    expect(await store.setMembers('sessions-of:acct-1')).toHaveLength(30);
    await Promise.all(Array.from({ length: 29 }, (_, i) => store.removeFromSet('sessions-of:acct-1', `s${i}`)));
    expect(await store.setMembers('sessions-of:acct-1')).toEqual(['s29']);
    await store.removeFromSet('sessions-of:acct-1', 's29');
    await store.removeFromSet('sessions-of:acct-1', 'never-there');
    expect(await store.setMembers('sessions-of:acct-1')).toEqual([]);
    expect(await store.get('sessions-of:acct-1')).toBeNull();
    expect(await store.setMembers('sessions-of:nobody')).toEqual([]);
  });

  it('expires a set with its TTL, each add moving the expiry to the new TTL from now', async () => {
    await store.addToSet('sessions-of:acct-2', 'a', 150);
    await sleep(100);
    await store.addToSet('sessions-of:acct-2', 'b', 300);
    await sleep(100);
    expect((await store.setMembers('sessions-of:acct-2')).sort()).toEqual(['a', 'b']);
    await sleep(350);
    expect(await store.setMembers('sessions-of:acct-2')).toEqual([]);
  });

  it('answers the readiness probe', async () => {
    const probe = store as KeyValueStore & { ping?: () => Promise<void> };
    expect(typeof probe.ping).toBe('function');
    await expect(probe.ping!()).resolves.toBeUndefined();
  });
}
