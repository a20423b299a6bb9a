import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CheckpointReport, WalCheckpointer } from '@vaxledger/sqlite-durability';

describe('WalCheckpointer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vx-checkpointer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function openWriter(name: string): Database.Database {
    const db = new Database(join(dir, name));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Only the worker may checkpoint here, so what reaches the database file was copied by it.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE doses (id INTEGER PRIMARY KEY, note TEXT)');
    return db;
  }

  it('copies the -wal file of every watched database into it from its own thread, while the writer keeps going', async () => {
    const checkpointer = new WalCheckpointer(60_000);
    const files = ['registry-events.db', 'audit-trail.db'];
    const writers = files.map(openWriter);
    const stops = files.map((name) => checkpointer.watch(join(dir, name)));
    const reports: CheckpointReport[] = [];
    checkpointer.onCheckpoint((report) => reports.push(report));
    const sizeBefore = files.map((name) => statSync(join(dir, name)).size);
    for (const db of writers) {
      const insert = db.prepare('INSERT INTO doses (note) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run('x'.repeat(200));
      })();
    }

    await checkpointer.checkpointNow();

    expect(reports.map((report) => report.file).sort()).toEqual(files.map((name) => join(dir, name)).sort());
    for (const report of reports) {
      expect(report.log).toBeGreaterThan(0);
      expect(report.copied).toBe(report.log);
    }
    files.forEach((name, index) => expect(statSync(join(dir, name)).size).toBeGreaterThan(sizeBefore[index]));
    writers[0].prepare('INSERT INTO doses (note) VALUES (?)').run('after the checkpoint');
    expect(writers[0].prepare('SELECT count(*) AS n FROM doses').get()).toEqual({ n: 2001 });

    stops.forEach((stop) => stop());
    for (const db of writers) db.close();
  });

  it('keeps one watch per store: a database watched twice stays watched until both stop', async () => {
    const checkpointer = new WalCheckpointer(60_000);
    const db = openWriter('events.db');
    const file = join(dir, 'events.db');
    const first = checkpointer.watch(file);
    const second = checkpointer.watch(file);
    first();
    const reports: CheckpointReport[] = [];
    checkpointer.onCheckpoint((report) => reports.push(report));
    db.prepare('INSERT INTO doses (note) VALUES (?)').run('one');

    await checkpointer.checkpointNow();

    expect(reports.map((report) => report.file)).toEqual([file]);
    second();
    db.close();
  });
});
