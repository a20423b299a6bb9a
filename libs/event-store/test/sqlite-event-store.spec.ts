import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, newId, type NewEvent, type RecordedEvent } from '@vaxledger/kernel';
import {
  SqliteEventStore,
  type GroupCommitStats,
  type SqliteEventStoreOptions,
} from '@vaxledger/event-store';
import { eventStoreContract } from './event-store.contract';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function newFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'vaxledger-event-store-'));
  folders.push(folder);
  return folder;
}

eventStoreContract('SqliteEventStore contract', async () => {
  // A small page size makes the contract's catch-up cross many pages.
  const store = new SqliteEventStore(join(newFolder(), 'events.sqlite'), { subscriptionPageSize: 16 });
  return { store, cleanup: () => store.close() };
});

describe('SqliteEventStore', () => {
  let stores: SqliteEventStore[] = [];
  const open = (filePath: string, options?: SqliteEventStoreOptions) => {
    const store = new SqliteEventStore(filePath, options);
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
  });

  it('creates the folders of its file and starts with an empty log', async () => {
    const filePath = join(newFolder(), 'data', 'standalone', 'events.sqlite');

    const store = open(filePath);

    expect(existsSync(filePath)).toBe(true);
    expect(await store.headPosition()).toBeNull();
    expect(await store.readAll()).toEqual([]);
  });

  it('keeps every appended event across a restart', async () => {
    const filePath = join(newFolder(), 'events.sqlite');
    const first = open(filePath);
    const events = [doseRecorded(1), doseRecorded(2)];
    const result = await first.append('subject-a', events, 'no_stream');
    await first.close();

    const reopened = open(filePath);

    expect((await reopened.readStream('subject-a')).map((e) => e.metadata)).toEqual(
      events.map((e) => e.metadata),
    );
    expect(await reopened.headPosition()).toBe(result.position);
    expect((await reopened.append('subject-a', [doseRecorded(3)], 1)).nextExpectedRevision).toBe(2);
  });

  it('commits the appends of one turn in a single transaction and refuses only the conflicting one', async () => {
    const commits: GroupCommitStats[] = [];
    const store = open(join(newFolder(), 'events.sqlite'), { onCommit: (commit) => commits.push(commit) });
    await store.append('subject-taken', [doseRecorded(1)], 'no_stream');
    commits.length = 0;

    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 30 }, (_, i) => store.append(`subject-${i}`, [doseRecorded(1)], 'no_stream')),
      store.append('subject-taken', [doseRecorded(2)], 'no_stream'),
      ...Array.from({ length: 30 }, (_, i) => store.append(`subject-${i}`, [doseRecorded(2)], 0)),
    ]);

    expect(commits).toHaveLength(1);
    expect(commits[0]).toMatchObject({ appends: 61, events: 60 });
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(60);
    const refused = outcomes[30];
    expect(refused.status === 'rejected' && refused.reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream('subject-7')).map((e) => e.revision)).toEqual([0, 1]);
  });

  it('stores two identical appends arriving together once', async () => {
    const store = open(join(newFolder(), 'events.sqlite'));
    const events = [doseRecorded(1)];

    const [first, second] = await Promise.all([
      store.append('subject-a', events, 'no_stream'),
      store.append('subject-a', events, 'no_stream'),
    ]);

    expect(second).toEqual(first);
    expect(await store.readStream('subject-a')).toHaveLength(1);
  });

  it('treats a retried unchecked append as done when its events already end the stream', async () => {
    const store = open(join(newFolder(), 'events.sqlite'));
    const events = [doseRecorded(1), doseRecorded(2)];
    await store.append('audit-a', [doseRecorded(0)], 'any');
    const first = await store.append('audit-a', events, 'any');

    const retried = await store.append('audit-a', events, 'any');

    expect(retried).toEqual(first);
    expect(await store.readStream('audit-a')).toHaveLength(3);
  });

  it('refuses an event id that is already stored in another stream', async () => {
    const store = open(join(newFolder(), 'events.sqlite'));
    const event = doseRecorded(1);
    await store.append('subject-a', [event], 'no_stream');

    await expect(store.append('subject-b', [event], 'no_stream')).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append('subject-b', [event], 'any')).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream('subject-b')).toEqual([]);
  });

  it('rejects a malformed append on its own without touching the others of its turn', async () => {
    const store = open(join(newFolder(), 'events.sqlite'));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    const outcomes = await Promise.allSettled([
      store.append('subject-a', [doseRecorded(1)], 'no_stream'),
      store.append('subject-b', [{ ...doseRecorded(1), data: cyclic }], 'no_stream'),
      store.append('subject-c', [doseRecorded(1)], -1),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await store.readStream('subject-a')).toHaveLength(1);
  });

  it('waits for queued appends to be committed before it closes', async () => {
    const filePath = join(newFolder(), 'events.sqlite');
    const store = open(filePath);
    const pending = Array.from({ length: 50 }, (_, i) =>
      store.append(`subject-${i}`, [doseRecorded(1)], 'no_stream'),
    );

    await store.close();

    await expect(Promise.all(pending)).resolves.toHaveLength(50);
    await expect(store.append('subject-late', [doseRecorded(1)], 'no_stream')).rejects.toThrow('closed');
    expect(await open(filePath).readAll()).toHaveLength(50);
  });

  describe('bulk append for importers', () => {
    it('commits many streams in one transaction, with a separate outcome for each stream', async () => {
      const commits: GroupCommitStats[] = [];
      const store = open(join(newFolder(), 'events.sqlite'), { onCommit: (commit) => commits.push(commit) });
      const alreadyImported = [doseRecorded(1)];
      await store.append('subject-imported', alreadyImported, 'no_stream');
      await store.append('id-document-taken', [doseRecorded(1)], 'no_stream');
      commits.length = 0;
      const fresh = Array.from({ length: 500 }, (_, i) => ({
        streamId: `subject-new-${i}`,
        events: [doseRecorded(1), doseRecorded(2)],
        expected: 'no_stream' as const,
      }));

      const outcomes = await store.appendMany([
        ...fresh,
        { streamId: 'id-document-taken', events: [doseRecorded(1)], expected: 'no_stream' },
        { streamId: 'subject-imported', events: alreadyImported, expected: 'no_stream' },
      ]);

      expect(commits).toEqual([expect.objectContaining({ appends: 502, events: 1000 })]);
      expect(outcomes.slice(0, 500).every((o) => o.ok && o.result.nextExpectedRevision === 1)).toBe(true);
      const taken = outcomes[500];
      expect(!taken.ok && taken.error).toBeInstanceOf(ConcurrencyError);
      expect(outcomes[501]).toEqual({ ok: true, result: { nextExpectedRevision: 0, position: 1 } });
      expect(await store.readAll()).toHaveLength(1002);
    });
  });

  describe('subscriptions', () => {
    it('replays the whole log when started without a checkpoint', async () => {
      const store = open(join(newFolder(), 'events.sqlite'), { subscriptionPageSize: 7 });
      await store.append(
        'subject-a',
        Array.from({ length: 40 }, (_, i) => doseRecorded(i)),
        'no_stream',
      );
      const delivered: RecordedEvent[] = [];
      let caughtUpAfter = -1;

      const subscription = store.subscribeToAll({
        after: null,
        onEvent: async (event) => {
          delivered.push(event);
        },
        onCaughtUp: () => (caughtUpAfter = delivered.length),
      });
      await waitUntil(() => caughtUpAfter >= 0);
      await subscription.stop();

      expect(caughtUpAfter).toBe(40);
      expect(delivered.map((e) => e.revision)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    });

    it('sees events that another process appends to the same file', async () => {
      const filePath = join(newFolder(), 'events.sqlite');
      const reader = open(filePath, { pollIntervalMs: 50 });
      const writer = open(filePath);
      const delivered: RecordedEvent[] = [];
      const subscription = reader.subscribeToAll({
        after: null,
        onEvent: async (event) => {
          delivered.push(event);
        },
      });

      const events = [doseRecorded(1), doseRecorded(2)];
      await writer.append('subject-a', events, 'no_stream');
      await waitUntil(() => delivered.length === 2);
      await subscription.stop();

      expect(delivered.map((e) => e.metadata.eventId)).toEqual(events.map((e) => e.metadata.eventId));
    });

    it('ends its subscriptions when the store closes', async () => {
      const store = new SqliteEventStore(join(newFolder(), 'events.sqlite'));
      const subscription = store.subscribeToAll({ after: null, onEvent: async () => undefined });

      await store.close();

      await expect(subscription.stop()).resolves.toBeUndefined();
    });
  });

  describe('durability', () => {
    const child = join(__dirname, 'fixtures', 'append-until-killed.ts');
    const requireHook = join(__dirname, '..', '..', 'testing', 'src', 'typescript-require-hook.js');

    it('keeps every acknowledged append when the writing process is killed mid-stream', async () => {
      const filePath = join(newFolder(), 'events.sqlite');
      const writer = spawn(process.execPath, ['--require', requireHook, child, filePath], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const acknowledged: Array<{ streamId: string; revision: number; eventId: string }> = [];
      let partialLine = '';
      let errors = '';
      writer.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partialLine + chunk).split('\n');
        partialLine = lines.pop()!;
        for (const line of lines) {
          const [streamId, revision, eventId] = line.split(' ');
          acknowledged.push({ streamId, revision: Number(revision), eventId });
        }
      });
      writer.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        writer.on('close', (_code, signal) => resolve(signal)),
      );

      // Kill at an arbitrary moment well into the run, while group commits are in flight.
      const killAfter = 2000 + Math.floor(Math.random() * 3000);
      await waitUntil(() => acknowledged.length >= killAfter || writer.exitCode !== null, 30_000);
      expect(errors).toBe('');
      writer.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const store = open(filePath);
      const byStream = new Map<string, RecordedEvent[]>();
      const all = await store.readAll();
      for (const event of all) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
      for (const ack of acknowledged) {
        expect(byStream.get(ack.streamId)?.[ack.revision]?.metadata.eventId).toBe(ack.eventId);
      }
      for (const events of byStream.values()) {
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      }
      expect(all.length).toBeGreaterThanOrEqual(acknowledged.length);
      expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
    });
  });
});

function doseRecorded(doseNumber: number): NewEvent {
  return {
    type: 'DoseRecorded',
    data: { doseNumber, vaccineCode: 'COMIRNATY' },
    metadata: {
      eventId: newId(),
      correlationId: newId(),
      causationId: null,
      actor: { accountId: 'account-spec', facilityId: 'facility-spec', provinceCode: '79' },
      occurredAt: '2021-07-01T08:30:00.000+07:00',
      schemaVersion: 1,
    },
  };
}

async function waitUntil(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('SqliteEventStore compact metadata', () => {
  const metadata = (actor: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    eventId: newId(),
    correlationId: newId(),
    causationId: null,
    actor,
    occurredAt: '2021-08-01T09:30:00+07:00',
    schemaVersion: 2,
    ...extra,
  });

  it('stores standard metadata without key names or the repeated event id, and reads back the same object', async () => {
    const file = join(newFolder(), 'events.sqlite');
    const store = new SqliteEventStore(file);
    const events = [
      { type: 'A', data: { n: 1 }, metadata: metadata({ accountId: 'system:import' }) },
      { type: 'B', data: { n: 2 }, metadata: metadata({ accountId: 'account-1', facilityId: 'facility-1', provinceCode: null }) },
      // Any other shape is kept as it is.
      { type: 'C', data: { n: 3 }, metadata: metadata({ accountId: 'account-2', role: 'staff' }) },
      { type: 'D', data: { n: 4 }, metadata: metadata({ accountId: 'account-3' }, { tenant: 'x' }) },
    ] as unknown as NewEvent[];
    await store.append('stream-1', events, 'no_stream');
    expect((await store.readStream('stream-1')).map((e) => e.metadata)).toEqual(events.map((e) => e.metadata));
    await store.close();

    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file, { readonly: true });
    const stored = db.prepare('SELECT metadata FROM events ORDER BY position').pluck().all() as string[];
    db.close();
    expect(stored[0]).toBe(JSON.stringify([events[0].metadata.correlationId, null, '2021-08-01T09:30:00+07:00', 2, 'system:import']));
    expect(stored[0]).not.toContain(events[0].metadata.eventId);
    expect(stored[1].startsWith('[')).toBe(true);
    expect(JSON.parse(stored[2])).toEqual(events[2].metadata);
    expect(JSON.parse(stored[3])).toEqual(events[3].metadata);
  });

  it('reads rows written with the earlier JSON-object metadata', async () => {
    const file = join(newFolder(), 'events.sqlite');
    const store = new SqliteEventStore(file);
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    const old = metadata({ accountId: 'account-1', facilityId: 'f', provinceCode: '79' });
    db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, 0, ?, ?, ?, ?)').run(
      'stream-old',
      old.eventId,
      'A',
      '{}',
      JSON.stringify(old),
    );
    db.close();
    const reopened = new SqliteEventStore(file);
    expect((await reopened.readStream('stream-old'))[0].metadata).toEqual(old);
    await reopened.close();
  });
});
