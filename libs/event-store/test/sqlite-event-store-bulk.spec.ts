/** The SQLite store's write path: new streams without a head read, checkpoints off the commit, fsync off the event loop. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, newId, type NewEvent } from '@vaxledger/kernel';
import { SqliteEventStore, type SqliteEventStoreOptions } from '@vaxledger/event-store';
import { WalCheckpointer } from '@vaxledger/sqlite-durability';

function reserved(subjectId: string): NewEvent {
  return {
    type: 'IdDocumentReserved',
    data: { subjectId, documentType: 'CCCD' },
    metadata: {
      eventId: newId(),
      correlationId: newId(),
      causationId: null,
      actor: { accountId: 'system:subject-import', facilityId: 'facility-spec', provinceCode: '79' },
      occurredAt: '2021-07-01T08:30:00.000+07:00',
      schemaVersion: 1,
    },
  };
}

describe('SqliteEventStore bulk appends', () => {
  let folder: string;
  let stores: SqliteEventStore[];
  const open = (options?: SqliteEventStoreOptions) => {
    const store = new SqliteEventStore(join(folder, 'events.db'), options);
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'vaxledger-event-store-bulk-'));
    stores = [];
  });
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses only the new stream that already exists and commits the rest of the batch', async () => {
    const store = open();
    await store.append('id-document-taken', [reserved('first-holder')], 'no_stream');
    const outcomes = await store.appendMany([
      { streamId: 'id-document-a', expected: 'no_stream', events: [reserved('a')] },
      { streamId: 'id-document-taken', expected: 'no_stream', events: [reserved('second-holder')] },
      { streamId: 'id-document-b', expected: 'no_stream', events: [reserved('b')] },
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    const refused = outcomes[1];
    expect(!refused.ok && refused.error).toBeInstanceOf(ConcurrencyError);
    expect(!refused.ok && (refused.error as ConcurrencyError).actual).toBe('0');
    expect((await store.readStream('id-document-taken')).map((event) => event.data)).toEqual([
      { subjectId: 'first-holder', documentType: 'CCCD' },
    ]);
    expect((await store.readStream('id-document-a'))[0].revision).toBe(0);
    expect((await store.readStream('id-document-b'))[0].revision).toBe(0);
  });

  it('refuses the second of two appends creating one stream in the same batch', async () => {
    const store = open();
    const outcomes = await store.appendMany([
      { streamId: 'id-document-twice', expected: 'no_stream', events: [reserved('one')] },
      { streamId: 'id-document-twice', expected: 'no_stream', events: [reserved('two')] },
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false]);
    expect(await store.readStream('id-document-twice')).toHaveLength(1);
  });

  it('treats a retried creation with the same events as already done, not as a conflict', async () => {
    const store = open();
    const events = [reserved('subject'), reserved('subject')];
    const first = await store.append('subject-retried', events, 'no_stream');
    const again = await store.append('subject-retried', events, 'no_stream');
    expect(again).toEqual(first);
    expect(first.nextExpectedRevision).toBe(1);
    expect((await store.readStream('subject-retried')).map((event) => event.revision)).toEqual([0, 1]);
  });

  it('refuses a creation whose event id is already stored in another stream, and keeps the batch', async () => {
    const store = open();
    const event = reserved('subject');
    await store.append('id-document-original', [event], 'no_stream');
    const outcomes = await store.appendMany([
      { streamId: 'id-document-copy', expected: 'no_stream', events: [event] },
      { streamId: 'id-document-other', expected: 'no_stream', events: [reserved('other')] },
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true]);
    expect(await store.readStream('id-document-copy')).toEqual([]);
  });

  it('has committed pages copied into the database file by the checkpointer thread, not only when the WAL is long', async () => {
    const file = join(folder, 'events.db');
    const store = open({ walAutocheckpointPages: 1_000_000 });
    const emptySize = statSync(file).size;
    await store.appendMany(
      Array.from({ length: 500 }, (_, i) => ({ streamId: `subject-${i}`, expected: 'no_stream' as const, events: [reserved(`s${i}`)] })),
    );
    await WalCheckpointer.shared().checkpointNow();
    expect(statSync(file).size).toBeGreaterThan(emptySize);
  });

  it('leaves committed pages in the WAL when checkpoints are not off-thread and the WAL is short', async () => {
    const file = join(folder, 'events.db');
    const store = open({ checkpointsOffThread: false, walAutocheckpointPages: 1_000_000 });
    const emptySize = statSync(file).size;
    await store.appendMany(
      Array.from({ length: 500 }, (_, i) => ({ streamId: `subject-${i}`, expected: 'no_stream' as const, events: [reserved(`s${i}`)] })),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(statSync(file).size).toBe(emptySize);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
  });
});

describe('SqliteEventStore durability without blocking the event loop', () => {
  it('acknowledges an append and shows it to log readers only once the fsync of its commit has finished', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vx-es-fsync-'));
    let release: (() => void) | null = null;
    let holding = false;
    const store = new SqliteEventStore(join(dir, 'events.db'), {
      checkpointsOffThread: false,
      fileSync: () => (holding ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    });
    try {
      await store.append('dose-record-1', [reserved(newId())], 'no_stream');
      holding = true;
      let acknowledged = false;
      const second = store.append('dose-record-2', [reserved(newId())], 'no_stream').then(() => (acknowledged = true));
      for (let i = 0; i < 20 && release === null; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(release).not.toBeNull();

      // Committed, but not on disk yet: not acknowledged, not relayed, though its own stream can be read.
      expect(acknowledged).toBe(false);
      expect((await store.readAll()).map((event) => event.streamId)).toEqual(['dose-record-1']);

      holding = false;
      release!();
      await second;
      expect((await store.readAll()).map((event) => event.streamId)).toEqual(['dose-record-1', 'dose-record-2']);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
