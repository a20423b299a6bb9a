/**
 * Missing and stale checkpoints are a failure of `verifyTrail`, with the reason named, never "0 checkpoints
 * checked": entries with no checkpoint for longer than the interval fail, and so do entries after the newest
 * checkpoint once the interval (plus the one-minute timer tick) has passed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { SqliteTrailStore, TrailAppender, verifyTrail } from '@vaxledger/audit';
import { eventually } from '@vaxledger/testing';
import { accessDraft } from './trail-fixtures';

describe('checkpoint freshness in verify', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const intervalMs = 15 * 60_000;
  let trail: SqliteTrailStore;
  let now: number;
  const clock = { now: () => new Date(now) };
  const verify = () => verifyTrail(trail, publicKey, { now: clock.now(), checkpointIntervalMs: intervalMs });

  beforeEach(() => {
    trail = new SqliteTrailStore(':memory:');
    now = Date.parse('2024-05-01T08:00:00.000Z');
  });

  afterEach(() => trail.close());

  it('accepts an empty trail, and entries younger than the interval with no checkpoint yet', async () => {
    expect(await verify()).toMatchObject({ ok: true, entriesChecked: 0, problems: [] });
    const appender = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 1000 });
    await appender.append(accessDraft(1));
    now += intervalMs; // the timer may not have ticked yet: within interval + one minute is not a failure
    expect(await verify()).toMatchObject({ ok: true, checkpointsChecked: 0 });
  });

  it('fails with checkpoints_missing when entries are older than the interval and no checkpoint exists', async () => {
    const appender = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 1000 });
    await appender.append(accessDraft(1));
    await appender.append(accessDraft(2));
    now += intervalMs + 61_000;
    const report = await verify();
    expect(report).toMatchObject({
      ok: false,
      entriesChecked: 2,
      checkpointsChecked: 0,
      firstMismatch: { reason: 'checkpoints_missing', sequence: 1 },
    });
    expect(report.problems).toHaveLength(1);
  });

  it('fails with checkpoint_stale when entries after the newest checkpoint are older than the interval', async () => {
    const appender = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 2 });
    for (let n = 1; n <= 3; n++) await appender.append(accessDraft(n));
    // The appender signs the count-based checkpoint just after the append it completes.
    await eventually(async () => (await trail.checkpoints()).length === 1, 5_000);
    expect((await trail.checkpoints()).map((c) => c.sequence)).toEqual([2]);
    expect(await verify()).toMatchObject({ ok: true });
    now += intervalMs + 61_000;
    const report = await verify();
    expect(report).toMatchObject({
      ok: false,
      latestCheckpoint: { sequence: 2 },
      firstMismatch: { reason: 'checkpoint_stale', sequence: 3 },
    });
    // The time-based checkpoint the timer signs clears it.
    expect(await appender.checkpointIfStale(intervalMs)).toMatchObject({ sequence: 3 });
    expect(await verify()).toMatchObject({ ok: true, latestCheckpoint: { sequence: 3 } });
  });

  it('stays ok when every entry is covered, however long nothing arrives', async () => {
    const appender = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 2 });
    for (let n = 1; n <= 2; n++) await appender.append(accessDraft(n));
    await eventually(async () => (await trail.checkpoints()).length === 1, 5_000);
    now += 30 * 24 * 3_600_000;
    expect(await verify()).toMatchObject({ ok: true, latestCheckpoint: { sequence: 2 } });
  });
});
