import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalFsync } from '@vaxledger/sqlite-durability';

describe('WalFsync', () => {
  let dir: string;
  let db: Database.Database;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vx-walfsync-'));
    file = join(dir, 'events.db');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE doses (id TEXT PRIMARY KEY)');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs the -wal file (and its directory, the first time) after a commit', async () => {
    const synced: number[] = [];
    const durability = new WalFsync(file, async (fd) => void synced.push(fd));
    db.prepare('INSERT INTO doses VALUES (?)').run('dose-1');

    await durability.sync();
    await durability.sync();

    // Directory once, then the -wal file on every sync.
    expect(synced).toHaveLength(3);
    expect(synced[1]).toBe(synced[2]);
    await durability.close();
  });

  it('makes 50 concurrent commits durable with at most two fsyncs: one running, one that all later callers join', async () => {
    let release!: () => void;
    const calls: number[] = [];
    const durability = new WalFsync(file, (fd) => {
      calls.push(fd);
      return calls.length === 2 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    });
    db.prepare('INSERT INTO doses VALUES (?)').run('dose-0');
    const first = durability.sync();
    const later = Array.from({ length: 50 }, (_, i) => {
      db.prepare('INSERT INTO doses VALUES (?)').run(`dose-${i + 1}`);
      return durability.sync();
    });
    let laterDone = false;
    void Promise.all(later).then(() => (laterDone = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(laterDone).toBe(false);

    release();
    await first;
    await Promise.all(later);

    expect(durability.syncs).toBe(2);
    await durability.close();
  });

  it('reports a failed fsync to every caller that waited on it, and tries again on the next call', async () => {
    let fail = true;
    const durability = new WalFsync(file, async () => {
      if (fail) throw new Error('EIO');
    });
    db.prepare('INSERT INTO doses VALUES (?)').run('dose-1');

    await expect(Promise.all([durability.sync()])).rejects.toThrow('EIO');
    fail = false;
    await expect(durability.sync()).resolves.toBeUndefined();
    await durability.close();
  });

  it('really fsyncs on the thread pool by default', async () => {
    const durability = new WalFsync(file);
    db.prepare('INSERT INTO doses VALUES (?)').run('dose-1');
    await durability.sync();
    expect(durability.syncs).toBe(1);
    await durability.close();
  });
});
