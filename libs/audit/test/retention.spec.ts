/**
 * Retention of access records: the oldest part of the trail goes, a signed retention checkpoint holds the
 * last removed entry, and verification starts there — so the rest of the chain stays checkable.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  applyRetention,
  AuditEventsProjection,
  loadAuditSettings,
  SqliteTrailStore,
  TrailAppender,
  retentionRunType,
  trailEntryAsEvent,
  verifyTrail,
} from '@vaxledger/audit';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { ConfigError } from '@vaxledger/runtime';
import { accessDraft } from './trail-fixtures';

const day = 24 * 3600_000;
const start = Date.parse('2020-01-01T00:00:00.000Z');

describe('access record retention', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  let folder: string;
  let trail: SqliteTrailStore;
  let readModels: SqliteReadModelStore;
  let projection: AuditEventsProjection;
  let now: number;
  const clock = { now: () => new Date(now) };
  let appender: TrailAppender;

  /** Ten entries, one a day from 2020-01-01. */
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'vaxledger-retention-'));
    trail = new SqliteTrailStore(join(folder, 'audit', 'trail.db'));
    readModels = new SqliteReadModelStore(join(folder, 'audit', 'read-models.db'));
    projection = new AuditEventsProjection(readModels);
    appender = new TrailAppender(trail, { clock, signingKey: privateKey, checkpointEvery: 1000 });
    for (let n = 1; n <= 10; n++) {
      now = start + (n - 1) * day;
      await appender.append(accessDraft(n));
    }
    await projection.applyBatch((await trail.read({ limit: 100 })).map(trailEntryAsEvent));
    now = start + 10 * day;
  });

  afterEach(async () => {
    await trail.close();
    await readModels.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const retain = (days: number) =>
    applyRetention({ trail, appender, signingKey: privateKey, clock, projection }, { retentionDays: days, minimumRetentionDays: 1 });

  it('removes what was received before the cutoff behind a signed boundary, and the rest still verifies', async () => {
    const outcome = await retain(5);
    expect(outcome).toMatchObject({ cutoff: '2020-01-06T00:00:00.000Z', removed: 5, refused: null });
    const remaining = await trail.read({ limit: 100 });
    // 6..10 remain; 11 is the record of the run itself.
    expect(remaining.map((e) => e.sequence)).toEqual([6, 7, 8, 9, 10, 11]);
    expect(outcome.boundary).toMatchObject({ kind: 'retention', sequence: 5, hash: remaining[0].prevHash });
    expect(await verifyTrail(trail, publicKey, { now: clock.now() })).toMatchObject({
      ok: true,
      anchor: { kind: 'retention', sequence: 5 },
      entriesChecked: 6,
      head: { sequence: 11 },
      retention: { sequence: 5, cutoff: '2020-01-06T00:00:00.000Z' },
    });
  });

  it('removes the same entries from the query read model', async () => {
    await retain(5);
    const events = await readModels.collection({ name: 'audit_events', indexes: [] });
    const subjects = await readModels.collection({ name: 'audit_subject_events', indexes: [] });
    expect(await events.count({})).toBe(5);
    expect(await events.count({ sequence: { $lte: 5 } })).toBe(0);
    expect(await subjects.count({ sequence: { $lte: 5 } })).toBe(0);
  });

  it('does nothing when nothing is old enough, and nothing more when run again', async () => {
    expect(await retain(30)).toMatchObject({ removed: 0, boundary: null });
    await retain(5);
    expect(await retain(5)).toMatchObject({ removed: 0, boundary: null });
    // Five kept entries and one trail entry per run (three runs).
    expect(await trail.count()).toBe(8);
  });

  it('keeps chaining new entries after the boundary', async () => {
    await retain(5);
    appender.invalidateHead();
    const next = await appender.append(accessDraft(11));
    expect(next.entry).toMatchObject({ sequence: 12 });
    expect(await verifyTrail(trail, publicKey, { now: clock.now() })).toMatchObject({ ok: true, entriesChecked: 7 });
  });

  it('still notices an entry deleted after the boundary', async () => {
    await retain(5);
    const db = new Database(join(folder, 'audit', 'trail.db'));
    db.exec('DROP TRIGGER trail_deletes_only_behind_retention; DELETE FROM trail WHERE sequence = 6;');
    db.close();
    expect((await verifyTrail(trail, publicKey, { now: clock.now() })).firstMismatch).toMatchObject({
      sequence: 6,
      reason: 'entry_missing',
    });
  });

  it('refuses to remove a part of the trail that does not verify', async () => {
    const db = new Database(join(folder, 'audit', 'trail.db'));
    db.exec(`DROP TRIGGER trail_is_append_only; UPDATE trail SET type = 'edited' WHERE sequence = 2;`);
    db.close();
    const outcome = await retain(5);
    expect(outcome).toMatchObject({
      removed: 0,
      boundary: null,
      refused: { reason: 'part_does_not_verify', message: expect.stringContaining('entry_modified') },
    });
    // Nothing removed; the refused run is recorded.
    expect(await trail.count()).toBe(11);
    const [record] = await trail.read({ afterSequence: 10, limit: 1 });
    expect(record).toMatchObject({
      type: retentionRunType,
      payload: { outcome: 'refused', reason: 'part_does_not_verify', removed: 0 },
    });
  });

  it('records every run as a trail entry with its signed boundary, sealed by a checkpoint', async () => {
    const outcome = await retain(5);
    const [record] = await trail.read({ afterSequence: 10, limit: 1 });
    expect(record).toMatchObject({
      sequence: outcome.recordedAt,
      type: retentionRunType,
      payload: {
        outcome: 'removed',
        cutoff: '2020-01-06T00:00:00.000Z',
        boundarySequence: 5,
        boundaryHash: outcome.boundary!.hash,
        removed: 5,
      },
    });
    expect(await trail.latestCheckpoint()).toMatchObject({ kind: 'periodic', sequence: record.sequence });
  });

  it('refuses a retention below the minimum and changes nothing', async () => {
    const outcome = await applyRetention(
      { trail, appender, signingKey: privateKey, clock, projection },
      { retentionDays: 3, minimumRetentionDays: 365 },
    );
    expect(outcome).toMatchObject({ removed: 0, boundary: null, refused: { reason: 'below_minimum_retention' } });
    expect(await trail.count()).toBe(10);
    expect(await trail.checkpoints()).toEqual([]);
  });

  it('keeps access records ten years unless configured otherwise, never less than the one-year floor', () => {
    expect(loadAuditSettings({})).toMatchObject({ AUDIT_ACCESS_RETENTION_DAYS: 3650, AUDIT_MIN_RETENTION_DAYS: 3650 });
    expect(
      loadAuditSettings({ AUDIT_MIN_RETENTION_DAYS: '365', AUDIT_ACCESS_RETENTION_DAYS: '400' }),
    ).toMatchObject({ AUDIT_ACCESS_RETENTION_DAYS: 400, AUDIT_MIN_RETENTION_DAYS: 365 });
    expect(() => loadAuditSettings({ AUDIT_MIN_RETENTION_DAYS: '364' })).toThrow(/AUDIT_MIN_RETENTION_DAYS: must be at least 365/);
    expect(() => loadAuditSettings({ AUDIT_ACCESS_RETENTION_DAYS: '30' })).toThrow(
      /AUDIT_ACCESS_RETENTION_DAYS: must be at least AUDIT_MIN_RETENTION_DAYS \(3650 days\)/,
    );
  });

  it('names a bad retention setting', () => {
    expect(() => loadAuditSettings({ AUDIT_ACCESS_RETENTION_DAYS: 'forever' })).toThrow(ConfigError);
    expect(() => loadAuditSettings({ AUDIT_ACCESS_RETENTION_DAYS: 'forever' })).toThrow(
      /AUDIT_ACCESS_RETENTION_DAYS/,
    );
  });
});
