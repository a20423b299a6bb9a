import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '@vaxledger/kv-store';
import { keyValueStoreContract } from './kv-store.contract';

describe('SqliteStore contract', () => {
  keyValueStoreContract({ open: async () => new SqliteStore(':memory:') });
});

describe('SqliteStore on disk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vx-kv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps failure counters and used step-up tokens across a restart', async () => {
    const file = join(dir, 'kv.db');
    const first = new SqliteStore(file);
    await first.increment('login-failures:account-1', 3_600_000);
    await first.increment('login-failures:account-1', 3_600_000);
    expect(await first.setIfAbsent('step-up-used:token-1', 'account-1', 600_000)).toBe(true);
    await first.close();

    const second = new SqliteStore(file);
    expect(await second.increment('login-failures:account-1', 3_600_000)).toBe(3);
    expect(await second.setIfAbsent('step-up-used:token-1', 'account-1', 600_000)).toBe(false);
    await second.close();
  });

  it('forgets an entry once its time to live has passed, also after a restart', async () => {
    let now = 1_000_000;
    const file = join(dir, 'kv.db');
    const first = new SqliteStore(file, { now: () => now });
    await first.set('otp:challenge-1', 'hash', 300_000);
    await first.close();
    now += 300_000;
    const second = new SqliteStore(file, { now: () => now });
    expect(await second.get('otp:challenge-1')).toBeNull();
    expect(second.sweepExpired()).toBe(0);
    await second.close();
  });
});
