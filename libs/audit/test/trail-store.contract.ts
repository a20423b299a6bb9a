/**
 * The one contract both TrailStore adapters pass (SQLite standalone, Mongo wire distributed): exact round
 * trips (a stored entry still hashes to its hash), uniqueness of sequence and event id enforced by storage,
 * retention only behind a signed boundary, parking once per event, and two writers racing without forking.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  type ChainHead,
  entryHash,
  genesisHead,
  sealEntry,
  signCheckpoint,
  TrailAppender,
  type TrailStore,
  TrailWriteConflict,
  verifyTrail,
} from '@vaxledger/audit';
import { accessDraft, sealedChain } from './trail-fixtures';

export interface TrailStoreFixture {
  open(): Promise<TrailStore>;
  dispose(store: TrailStore): Promise<void>;
}

export function trailStoreContract(fixture: TrailStoreFixture): void {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  let store: TrailStore;

  beforeEach(async () => {
    store = await fixture.open();
  });

  afterEach(async () => {
    await fixture.dispose(store);
  });

  it('gives back exactly what it stored, so every entry still hashes to its hash', async () => {
    const entries = sealedChain(4);
    await store.append(entries);
    const read = await store.read({ limit: 10 });
    expect(read).toEqual(entries);
    for (const entry of read) expect(entryHash(entry)).toBe(entry.hash);
  });

  it('answers null for the last entry of an empty trail, then the highest sequence', async () => {
    expect(await store.last()).toBeNull();
    const entries = sealedChain(3);
    await store.append(entries.slice(0, 1));
    await store.append(entries.slice(1));
    expect(await store.last()).toEqual(entries[2]);
    expect(await store.count()).toBe(3);
  });

  it('refuses a second entry at a sequence that is taken', async () => {
    const [first] = sealedChain(1);
    await store.append([first]);
    const rival = sealEntry(accessDraft(99), genesisHead, new Date());
    await expect(store.append([rival])).rejects.toBeInstanceOf(TrailWriteConflict);
    expect(await store.read({ limit: 10 })).toEqual([first]);
  });

  it('refuses to store the same event id twice', async () => {
    const [first] = sealedChain(1);
    await store.append([first]);
    const again = sealEntry(accessDraft(1), { sequence: first.sequence, hash: first.hash }, new Date());
    await expect(store.append([again])).rejects.toBeInstanceOf(TrailWriteConflict);
    expect(await store.count()).toBe(1);
  });

  it('finds entries by event id', async () => {
    const entries = sealedChain(3);
    await store.append(entries);
    const found = await store.findByEventIds([entries[2].eventId, 'unknown', entries[0].eventId]);
    expect(found.map((e) => e.sequence)).toEqual([1, 3]);
  });

  it('reads ranges by sequence and by time of receipt, in sequence order', async () => {
    const entries = sealedChain(6);
    await store.append(entries);
    expect((await store.read({ afterSequence: 2, limit: 2 })).map((e) => e.sequence)).toEqual([3, 4]);
    expect(
      (await store.read({ afterSequence: 2, throughSequence: 5, limit: 10 })).map((e) => e.sequence),
    ).toEqual([3, 4, 5]);
    expect(
      (
        await store.read({
          receivedFrom: entries[1].receivedAt,
          receivedTo: entries[3].receivedAt,
          limit: 10,
        })
      ).map((e) => e.sequence),
    ).toEqual([2, 3, 4]);
  });

  it('keeps signed checkpoints once each, in sequence order, and finds the latest of a kind', async () => {
    const entries = sealedChain(5);
    await store.append(entries);
    const at = new Date('2024-05-02T00:00:00.000Z');
    const second = signCheckpoint('periodic', { sequence: 2, hash: entries[1].hash }, at, privateKey);
    const fourth = signCheckpoint('periodic', { sequence: 4, hash: entries[3].hash }, at, privateKey);
    const boundary = signCheckpoint('retention', { sequence: 1, hash: entries[0].hash }, at, privateKey);
    await store.saveCheckpoint(fourth);
    await store.saveCheckpoint(second);
    await store.saveCheckpoint(second);
    await store.saveCheckpoint(boundary);
    expect(await store.checkpoints()).toEqual([boundary, second, fourth]);
    expect(await store.latestCheckpoint()).toEqual(fourth);
    expect(await store.latestCheckpoint('retention')).toEqual(boundary);
    expect(await store.latestCheckpoint('export')).toBeNull();
  });

  it('removes entries only behind a signed retention boundary', async () => {
    const entries = sealedChain(5);
    await store.append(entries);
    await expect(store.deleteThrough(2)).rejects.toBeInstanceOf(TrailWriteConflict);
    expect(await store.count()).toBe(5);
    await store.saveCheckpoint(
      signCheckpoint('retention', { sequence: 2, hash: entries[1].hash }, new Date(), privateKey),
    );
    expect(await store.deleteThrough(2)).toBe(2);
    expect((await store.read({ limit: 10 })).map((e) => e.sequence)).toEqual([3, 4, 5]);
  });

  it('parks an unreadable message once, with its error, newest first', async () => {
    const parked = {
      topic: 't',
      type: 'x',
      error: 'data must be a JSON object, got string',
      message: '{"id":"m"}',
    };
    expect(await store.park({ ...parked, eventId: 'm1', parkedAt: '2024-05-01T00:00:00.000Z' })).toBe(true);
    expect(await store.park({ ...parked, eventId: 'm1', parkedAt: '2024-05-01T00:00:01.000Z' })).toBe(false);
    expect(await store.park({ ...parked, eventId: 'm2', parkedAt: '2024-05-01T00:00:02.000Z' })).toBe(true);
    expect(await store.parkedCount()).toBe(2);
    expect((await store.parked(10)).map((p) => [p.eventId, p.error])).toEqual([
      ['m2', parked.error],
      ['m1', parked.error],
    ]);
  });

  it('lets two writers race for the same sequences without forking the chain or doubling an event', async () => {
    const clock = { now: () => new Date() };
    const conflicts: unknown[] = [];
    const options = {
      clock,
      signingKey: privateKey,
      checkpointEvery: 1000,
      onConflict: (e: unknown) => conflicts.push(e),
    };
    // Two appenders over the same storage stand for two processes: neither sees the other's cached head.
    const one = new TrailAppender(store, options);
    const two = new TrailAppender(store, options);
    const writes: Promise<unknown>[] = [];
    for (let n = 1; n <= 30; n++) {
      writes.push(one.append(accessDraft(n)));
      writes.push(two.append(accessDraft(n % 10 === 0 ? n : 100 + n)));
    }
    await Promise.all(writes);
    const entries = await store.read({ limit: 100 });
    expect(entries.map((e) => e.sequence)).toEqual(Array.from({ length: 57 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.eventId)).size).toBe(57);
    expect(conflicts.length).toBeGreaterThan(0);
    const report = await verifyTrail(store, publicKey);
    expect(report).toMatchObject({ ok: true, entriesChecked: 57 });
  });

  it('continues the chain from a retention boundary when every entry was removed', async () => {
    const entries = sealedChain(2);
    await store.append(entries);
    await store.saveCheckpoint(
      signCheckpoint('retention', { sequence: 2, hash: entries[1].hash }, new Date(), privateKey),
    );
    await store.deleteThrough(2);
    const appender = new TrailAppender(store, {
      clock: { now: () => new Date() },
      signingKey: privateKey,
      checkpointEvery: 1000,
    });
    const head: ChainHead = await appender.currentHead();
    expect(head).toEqual({ sequence: 2, hash: entries[1].hash });
    const outcome = await appender.append(accessDraft(50));
    expect(outcome.entry).toMatchObject({ sequence: 3, prevHash: entries[1].hash });
    expect(await verifyTrail(store, publicKey)).toMatchObject({
      ok: true,
      entriesChecked: 1,
      anchor: { kind: 'retention', sequence: 2 },
    });
  });
}
