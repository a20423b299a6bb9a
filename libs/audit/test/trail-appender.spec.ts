import { generateKeyPairSync } from 'node:crypto';
import { SqliteTrailStore, TrailAppender, verifyTrail } from '@vaxledger/audit';
import { accessDraft } from './trail-fixtures';

describe('appending to the trail', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  let trail: SqliteTrailStore;
  let now: number;
  const clock = { now: () => new Date(now) };

  beforeEach(() => {
    trail = new SqliteTrailStore(':memory:');
    now = Date.parse('2024-05-01T08:00:00.000Z');
  });

  afterEach(() => trail.close());

  it('chains concurrent appends one after another without gaps', async () => {
    const appender = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 1000 });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, n) => appender.append(accessDraft(n + 1))),
    );
    expect(outcomes.map((o) => o.entry.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(await verifyTrail(trail, publicKey, { now: clock.now() })).toMatchObject({ ok: true, entriesChecked: 50 });
  });

  it('stores a message handed over twice at the same moment once, and tells the second caller', async () => {
    const appender = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 1000 });
    const [one, two] = await Promise.all([appender.append(accessDraft(7)), appender.append(accessDraft(7))]);
    expect([one.stored, two.stored].sort()).toEqual(['appended', 'duplicate']);
    expect(one.entry).toEqual(two.entry);
    const again = await appender.append(accessDraft(7));
    expect(again).toEqual({ stored: 'duplicate', entry: one.entry });
    expect(await trail.count()).toBe(1);
  });

  it('signs a checkpoint every N entries', async () => {
    const appender = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 3 });
    for (let n = 1; n <= 7; n++) await appender.append(accessDraft(n));
    expect((await trail.checkpoints()).map((c) => [c.kind, c.sequence])).toEqual([
      ['periodic', 3],
      ['periodic', 6],
    ]);
  });

  it('signs a checkpoint after T minutes when entries arrived, and not when nothing did', async () => {
    const appender = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 1000 });
    await appender.append(accessDraft(1));
    expect(await appender.checkpointIfStale(15 * 60_000)).toBeNull();
    now += 16 * 60_000;
    expect(await appender.checkpointIfStale(15 * 60_000)).toMatchObject({ kind: 'periodic', sequence: 1 });
    now += 16 * 60_000;
    expect(await appender.checkpointIfStale(15 * 60_000)).toBeNull();
    await appender.append(accessDraft(2));
    now += 16 * 60_000;
    expect(await appender.checkpointIfStale(15 * 60_000)).toMatchObject({ sequence: 2 });
  });

  it('continues a trail another process wrote to, from the stored head', async () => {
    const first = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 1000 });
    const second = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 1000 });
    await first.append(accessDraft(1));
    await second.append(accessDraft(2));
    const third = await first.append(accessDraft(3));
    expect(third.entry.sequence).toBe(3);
    expect(await verifyTrail(trail, publicKey, { now: clock.now() })).toMatchObject({ ok: true, entriesChecked: 3 });
  });
});
