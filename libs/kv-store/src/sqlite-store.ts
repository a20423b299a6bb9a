/**
 * Standalone key-value store that survives a restart: OTP challenges, failure counters and lockouts, the TOTP
 * replay guard, sessions and used step-up tokens must not reset when the process restarts, or a restart
 * would reopen a replay window and forgive failed logins. A single SQLite table with expiry times; reads are
 * lazy about expiry and a periodic sweep reclaims the space.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyValueStore, TokenBucket, TokenTake } from '@vaxledger/kernel';
import { backstopAutocheckpointPages, WalCheckpointer } from '@vaxledger/sqlite-durability';
import { assertValidBucket, takeFromBucket } from './token-bucket';
import { assertValidTtl } from './ttl-validation';

export interface SqliteStoreOptions {
  now?: () => number;
  sweepIntervalMs?: number;
}

interface Row {
  value: string;
  expires_at: number | null;
}

export class SqliteStore implements KeyValueStore {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly statements;
  private readonly stopCheckpoints: () => void;

  constructor(filename: string, options: SqliteStoreOptions = {}) {
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true, mode: 0o700 });
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    // NORMAL: a crash of the process loses nothing (the WAL is in the OS cache); a power loss may lose the
    // last moments of counters, which is acceptable for this short-lived state — the event log is on FULL.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Checkpoints run on the process's checkpointer thread; a commit folds the log itself only past this.
    this.db.pragma(`wal_autocheckpoint = ${backstopAutocheckpointPages}`);
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER) WITHOUT ROWID;' +
        'CREATE INDEX IF NOT EXISTS kv_expiry ON kv(expires_at) WHERE expires_at IS NOT NULL;',
    );
    this.now = options.now ?? Date.now;
    this.statements = {
      get: this.db.prepare<[string], Row>('SELECT value, expires_at FROM kv WHERE key = ?'),
      put: this.db.prepare<[string, string, number | null]>(
        'INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
      ),
      getMany: this.db.prepare<[string], Row & { key: string }>(
        'SELECT key, value, expires_at FROM kv WHERE key IN (SELECT value FROM json_each(?))',
      ),
      remove: this.db.prepare<[string]>('DELETE FROM kv WHERE key = ?'),
      keys: this.db.prepare<[string, string, number], { key: string }>(
        'SELECT key FROM kv WHERE key >= ? AND key < ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY key',
      ),
      sweep: this.db.prepare<[number]>('DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    };
    this.stopCheckpoints = WalCheckpointer.shared().watch(filename);
    this.sweepTimer = setInterval(() => this.sweepExpired(), options.sweepIntervalMs ?? 60_000);
    this.sweepTimer.unref();
  }

  private live(key: string): Row | undefined {
    const row = this.statements.get.get(key);
    if (!row) return undefined;
    if (row.expires_at !== null && row.expires_at <= this.now()) {
      this.statements.remove.run(key);
      return undefined;
    }
    return row;
  }

  private expiry(ttlMs?: number): number | null {
    if (ttlMs === undefined) return null;
    assertValidTtl(ttlMs);
    return this.now() + ttlMs;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.statements.put.run(key, value, this.expiry(ttlMs));
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const expiresAt = this.expiry(ttlMs);
    // better-sqlite3 is synchronous: the read and the write cannot interleave with another caller.
    if (this.live(key)) return false;
    this.statements.put.run(key, value, expiresAt);
    return true;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async getMany(keys: string[]): Promise<Array<string | null>> {
    if (keys.length === 0) return [];
    // One statement for the whole batch; expired rows read as absent (the sweep removes them later).
    const now = this.now();
    const found = new Map(
      this.statements.getMany
        .all(JSON.stringify(keys))
        .filter((row) => row.expires_at === null || row.expires_at > now)
        .map((row) => [row.key, row.value]),
    );
    return keys.map((key) => found.get(key) ?? null);
  }

  async setMany(entries: Array<{ key: string; value: string }>, ttlMs?: number): Promise<void> {
    const expiresAt = this.expiry(ttlMs);
    this.putMany(entries, expiresAt);
  }

  private readonly putMany = (entries: Array<{ key: string; value: string }>, expiresAt: number | null) =>
    this.db.transaction(() => {
      for (const { key, value } of entries) this.statements.put.run(key, value, expiresAt);
    })();

  async getAndDelete(key: string): Promise<string | null> {
    const row = this.live(key);
    if (!row) return null;
    this.statements.remove.run(key);
    return row.value;
  }

  async delete(key: string): Promise<void> {
    this.statements.remove.run(key);
  }

  async increment(key: string, ttlMs?: number): Promise<number> {
    const expiresAt = this.expiry(ttlMs);
    const row = this.live(key);
    if (!row) {
      this.statements.put.run(key, '1', expiresAt);
      return 1;
    }
    const current = Number(row.value);
    if (!Number.isInteger(current)) throw new TypeError(`value at ${key} is not an integer counter`);
    this.statements.put.run(key, String(current + 1), row.expires_at);
    return current + 1;
  }

  async takeToken(key: string, bucket: TokenBucket, nowMs: number): Promise<TokenTake> {
    assertValidBucket(bucket);
    // Synchronous read and write in one transaction: no other caller (in this process or another sharing the
    // file) interleaves between them.
    return this.takeTokenAtomically(key, bucket, nowMs);
  }

  private readonly takeTokenAtomically = (key: string, bucket: TokenBucket, nowMs: number): TokenTake =>
    this.db.transaction(() => {
      const step = takeFromBucket(this.live(key)?.value ?? null, bucket, nowMs);
      if (step.next) this.statements.put.run(key, step.next.value, this.now() + step.next.ttlMs);
      return step.result;
    }).immediate();

  async addToSet(key: string, member: string, ttlMs: number): Promise<void> {
    const expiresAt = this.expiry(ttlMs);
    this.db.transaction(() => {
      const members = new Set(this.membersOf(key));
      members.add(member);
      this.statements.put.run(key, JSON.stringify([...members]), expiresAt);
    }).immediate();
  }

  async setMembers(key: string): Promise<string[]> {
    return this.membersOf(key);
  }

  async removeFromSet(key: string, member: string): Promise<void> {
    this.db.transaction(() => {
      const row = this.live(key);
      if (!row) return;
      const members = (JSON.parse(row.value) as string[]).filter((m) => m !== member);
      if (members.length === 0) this.statements.remove.run(key);
      else this.statements.put.run(key, JSON.stringify(members), row.expires_at);
    }).immediate();
  }

  private membersOf(key: string): string[] {
    const row = this.live(key);
    return row ? (JSON.parse(row.value) as string[]) : [];
  }

  async ttlMs(key: string): Promise<number | null> {
    const row = this.live(key);
    if (!row || row.expires_at === null) return null;
    return row.expires_at - this.now();
  }

  async keys(prefix: string): Promise<string[]> {
    // Range scan on the primary key: every key that starts with the prefix sorts in [prefix, prefix + U+FFFF).
    return this.statements.keys.all(prefix, prefix + '\uffff', this.now()).map((r) => r.key);
  }

  async ping(): Promise<void> {
    this.statements.get.get('');
  }

  sweepExpired(): number {
    return this.statements.sweep.run(this.now()).changes;
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.stopCheckpoints();
    if (this.db.open) this.db.close();
  }
}
