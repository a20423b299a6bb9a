/**
 * Tampering with a distributed trail, as someone holding the audit database (the Mongo-wire server) would: the
 * same attacks as the standalone `apps/cli/src/commands/audit-tampering.spec.ts`, made by editing the
 * `audit_trail` and `audit_checkpoints` collections directly, and each must make the audit service's verify
 * answer ok:false naming the same first problem. The trail is filled by the real appender (signed checkpoints
 * every 5 entries and at shutdown, each anchored in the anchor file) from registry's event log, the SQLite
 * stand-in for EventStoreDB named by AUDIT_SOURCE_EVENT_STORES, so verify reconciles it with real sources as the
 * distributed service does. Verify is the service's own handler (VerifyTrailHandler), built as
 * `createAuditComponents` builds it in distributed mode: keys from the anchor directory plus the signing key
 * (which lives in the secret store, out of the database holder's reach), the anchor file, the source logs.
 * The Kafka copy of the anchors is left out on purpose: here the attacker also reached the anchor file, the
 * worst case; that Kafka alone still names deleted checkpoints is `apps/cli/src/commands/audit-kafka-anchors.spec.ts`.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { type Connection, type mongo } from 'mongoose';
import {
  AnchorFile,
  anchorFileIn,
  anchorLineOf,
  type ChainHead,
  distributedSources,
  genesisHead,
  loadAuditKeys,
  loadAuditSettings,
  MongoTrailStore,
  parseForTrail,
  readAnchors,
  sealEntry,
  type SignedCheckpoint,
  signCheckpoint,
  TrailAppender,
  type TrailEntry,
  type TrailVerificationReport,
  trustedKeysFileIn,
  VerifyTrailHandler,
} from '@vaxledger/audit';
import type { Principal } from '@vaxledger/auth';
import { SqliteEventStore } from '@vaxledger/event-store';
import { newId, type RecordedEvent } from '@vaxledger/kernel';
import { registryIntegration } from '@vaxledger/registry';
import { describeWithEngine } from '@vaxledger/testing';

import { transfer } from './source-events';

jest.setTimeout(120_000);


const auditor: Principal = { accountId: newId(), role: 'auditor', rights: [], facilityId: null, provinceCode: null, sessionId: newId() };
const origin = { ip: '127.0.0.1', userAgent: 'jest', correlationId: newId(), purpose: null };

interface TrailCopy {
  /** The copy's database, written to directly, as the database holder would. */
  db: mongo.Db;
  store: MongoTrailStore;
  anchorDir: string;
}

describeWithEngine('mongo', 'tampering with the distributed audit trail (Mongo-wire)', (mongoUrl) => {
  const folder = mkdtempSync(join(tmpdir(), 'vaxledger-mongo-tamper-'));
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const originalDb = `vx_tamper_${run}_original`;
  const anchorDir = join(folder, 'anchors');
  const stores = Object.fromEntries(['identity', 'registry', 'immunization'].map((s) => [s, join(folder, `${s}-events.db`)]));
  const env = {
    AUDIT_SOURCE_EVENT_STORES: Object.entries(stores)
      .map(([service, file]) => `${service}=sqlite:${file}`)
      .join(','),
  };
  const settings = loadAuditSettings(env);
  const checkpointEvery = 5;
  const eventCount = 12;
  // The deployment's signing key: in the secret store, which the database holder does not reach.
  const { privateKey: signingKey } = generateKeyPairSync('ed25519');
  let admin: Connection;
  let logged: RecordedEvent[] = [];
  let entryCount = 0;
  const opened: TrailCopy[] = [];

  beforeAll(async () => {
    admin = await mongoose.createConnection(mongoUrl, { dbName: originalDb }).asPromise();
    for (const file of Object.values(stores)) await new SqliteEventStore(file).close();
    const registryLog = new SqliteEventStore(stores.registry);
    try {
      for (let n = 0; n < eventCount; n++) await registryLog.append(`subject-${newId()}`, [transfer(newId())], 'no_stream');
      logged = await registryLog.readAll({ after: null, maxCount: 100 });
    } finally {
      await registryLog.close();
    }
    // The service's start-up writes the trusted public key into the anchor directory (trust on first use).
    loadAuditKeys({ signingKey, settings, anchorDir, trustSigningKey: true });
    const trail = await MongoTrailStore.connect(mongoUrl, { dbName: originalDb });
    try {
      const appender = new TrailAppender(trail, {
        clock: { now: () => new Date() },
        signingKey,
        checkpointEvery,
        anchors: [AnchorFile.inDirectory(anchorDir)],
      });
      for (const { message, topic } of logged.flatMap((event) => registryIntegration(event))) {
        const parsed = parseForTrail(message, topic);
        if (!parsed.ok) throw new Error(parsed.error);
        await appender.append(parsed.draft);
      }
      // As the service does when it shuts down: a checkpoint over the tail.
      await appender.checkpointNow('periodic');
      entryCount = (await trail.last())!.sequence;
    } finally {
      await trail.close();
    }
  });

  afterAll(async () => {
    for (const copy of opened) {
      await copy.store.dropDatabase();
      await copy.store.close();
    }
    await admin?.useDb(originalDb).dropDatabase();
    await admin?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const database = (name: string): mongo.Db => admin.getClient().db(name);

  /** A copy of the trail's database and of its anchor directory, to tamper with. */
  async function copy(): Promise<TrailCopy> {
    const name = `vx_tamper_${run}_${opened.length + 1}`;
    const source = database(originalDb);
    const target = database(name);
    for (const collection of ['audit_trail', 'audit_checkpoints']) {
      const documents = await source.collection(collection).find({}).toArray();
      if (documents.length) await target.collection(collection).insertMany(documents);
    }
    const copyAnchorDir = join(folder, `anchors-${opened.length + 1}`);
    cpSync(anchorDir, copyAnchorDir, { recursive: true });
    const trailCopy = { db: target, store: await MongoTrailStore.connect(mongoUrl, { dbName: name }), anchorDir: copyAnchorDir };
    opened.push(trailCopy);
    return trailCopy;
  }

  const entries = (copy: TrailCopy) => copy.store.read({ limit: 100_000 });
  const trailOf = (copy: TrailCopy) => copy.db.collection('audit_trail');
  const checkpointsOf = (copy: TrailCopy) => copy.db.collection('audit_checkpoints');

  /** Replaces the whole chain with `list` re-sequenced from 1 and re-hashed: a consistent, rewritten chain. */
  async function rebuildChain(copy: TrailCopy, list: TrailEntry[]): Promise<TrailEntry[]> {
    let head: ChainHead = genesisHead;
    const rebuilt = list.map((entry) => {
      const { sequence: _s, receivedAt, prevHash: _p, hash: _h, ...draft } = entry;
      const sealed = sealEntry(draft, head, new Date(receivedAt));
      head = { sequence: sealed.sequence, hash: sealed.hash };
      return sealed;
    });
    await trailOf(copy).deleteMany({});
    await copy.store.append(rebuilt);
    return rebuilt;
  }

  /** Deletes every checkpoint and signs new ones over the (rewritten) chain with `key`. */
  async function resign(copy: TrailCopy, list: TrailEntry[], key: KeyObject, every: number): Promise<SignedCheckpoint[]> {
    await checkpointsOf(copy).deleteMany({});
    const signed: SignedCheckpoint[] = [];
    for (const entry of list.filter((_, i) => (i + 1) % every === 0 || i === list.length - 1)) {
      const checkpoint = signCheckpoint('periodic', entry, new Date(entry.receivedAt), key);
      await copy.store.saveCheckpoint(checkpoint);
      signed.push(checkpoint);
    }
    return signed;
  }

  const writeAnchors = (copy: TrailCopy, checkpoints: SignedCheckpoint[]) =>
    writeFileSync(anchorFileIn(copy.anchorDir), checkpoints.map((c) => `${JSON.stringify(anchorLineOf(c))}\n`).join(''));

  /**
   * The distributed audit service's verify (`GET /api/v1/audit/verify`) on the copy. `anchors` overrides the
   * anchor file, and `env` adds to the audit settings (AUDIT_VERIFY_KEYS), as a verifier holding a copy would.
   */
  async function verify(copy: TrailCopy, options: { anchors?: string; env?: Record<string, string> } = {}): Promise<TrailVerificationReport> {
    const verifySettings = loadAuditSettings({ ...env, ...options.env });
    const keys = loadAuditKeys({ signingKey, settings: verifySettings, anchorDir: copy.anchorDir, trustSigningKey: true });
    const sources = distributedSources(verifySettings, { lookupKey: Buffer.alloc(32), settings: {} });
    const handler = new VerifyTrailHandler(copy.store, keys.trusted, { now: () => new Date() }, {
      anchors: () => readAnchors(options.anchors ?? anchorFileIn(copy.anchorDir)),
      sources: async () => sources,
      checkpointIntervalMs: verifySettings.AUDIT_CHECKPOINT_MINUTES * 60_000,
      sourceGraceMs: verifySettings.AUDIT_SOURCE_GRACE_MINUTES * 60_000,
    });
    try {
      return await handler.execute(auditor, origin);
    } finally {
      for (const source of sources) await source.close();
    }
  }

  async function expectDetected(copy: TrailCopy, reason: string, options: Parameters<typeof verify>[1] = {}) {
    const report = await verify(copy, options);
    expect(report).toMatchObject({ ok: false, firstMismatch: { reason } });
    return report;
  }

  /** The registry log position of the event the trail entry at `sequence` (1-based, untampered) came from. */
  const positionOfEntry = (sequence: number) => logged[sequence - 1].position;

  it('starts from a trail that verifies, with checkpoints, anchors and every source event in it', async () => {
    expect(entryCount).toBe(eventCount);
    const report = await verify(await copy());
    expect(report).toMatchObject({ ok: true, problems: [], firstMismatch: null, head: { sequence: entryCount }, entriesChecked: entryCount });
    expect(report.checkpointsChecked).toBeGreaterThanOrEqual(Math.floor(entryCount / checkpointEvery));
    expect(report.anchorsChecked).toBeGreaterThanOrEqual(Math.floor(entryCount / checkpointEvery));
    expect(report.sources.find((s) => s.source === 'registry')).toMatchObject({ eventsExpected: eventCount, inTrail: eventCount, missing: 0, pending: 0 });
  });

  // Mongo has no triggers to drop (the standalone trail's guard against UPDATE/DELETE): write access to the
  // collection is all an edit in place takes, so these two cases stand in for "triggers dropped, entry edited".
  it('finds an entry edited in place and re-hashed: the next entry was chained to the old hash', async () => {
    const target = await copy();
    const victim = { ...(await entries(target))[1], subjectIds: [] };
    const { hash: _h, ...content } = victim;
    const rehashed = sealEntry(content, { sequence: victim.sequence - 1, hash: victim.prevHash }, new Date(victim.receivedAt));
    await trailOf(target).updateOne({ _id: 2 as never }, { $set: { subjectIds: [], hash: rehashed.hash } });
    const report = await expectDetected(target, 'link_broken');
    expect(report.firstMismatch?.sequence).toBe(2);
  });

  it('finds an entry edited in place', async () => {
    const target = await copy();
    await trailOf(target).updateOne({ _id: 3 as never }, { $set: { 'actor.accountId': 'someone-else' } });
    const report = await expectDetected(target, 'entry_modified');
    expect(report.firstMismatch?.sequence).toBe(3);
  });

  it('finds a middle stretch deleted and the chain rebuilt, against the signed checkpoints', async () => {
    const target = await copy();
    const list = await entries(target);
    await rebuildChain(target, [...list.slice(0, 3), ...list.slice(6)]);
    await expectDetected(target, 'checkpoint_mismatch');
  });

  it('finds a middle stretch deleted and the chain rebuilt even with every checkpoint and anchor gone, from the event logs', async () => {
    const target = await copy();
    const list = await entries(target);
    await rebuildChain(target, [...list.slice(0, 3), ...list.slice(6)]);
    await checkpointsOf(target).deleteMany({});
    writeFileSync(anchorFileIn(target.anchorDir), '');
    const report = await expectDetected(target, 'source_event_missing');
    expect(report.firstMismatch).toMatchObject({ eventId: list[3].eventId, source: { name: 'registry', position: positionOfEntry(4) } });
    expect(report.sources.find((s) => s.source === 'registry')).toMatchObject({ missing: 3 });
  });

  it('finds the tail cut off, against the last signed checkpoint', async () => {
    const target = await copy();
    await trailOf(target).deleteMany({ _id: { $gt: entryCount - 3 } as never });
    const report = await expectDetected(target, 'entry_missing');
    expect(report.firstMismatch?.sequence).toBe(entryCount - 2);
  });

  it('finds the tail cut off with the checkpoints and anchors covering it removed too, from the event logs', async () => {
    const target = await copy();
    const keep = entryCount - 3;
    const list = await entries(target);
    await trailOf(target).deleteMany({ _id: { $gt: keep } as never });
    await checkpointsOf(target).deleteMany({ sequence: { $gt: keep } });
    const lines = readFileSync(anchorFileIn(target.anchorDir), 'utf8').trim().split('\n');
    writeFileSync(anchorFileIn(target.anchorDir), lines.filter((line) => JSON.parse(line).sequence <= keep).map((l) => `${l}\n`).join(''));
    const report = await expectDetected(target, 'source_event_missing');
    expect(report.firstMismatch).toMatchObject({ eventId: list[keep].eventId, source: { name: 'registry', position: positionOfEntry(keep + 1) } });
    expect(report.sources.find((s) => s.source === 'registry')).toMatchObject({ missing: 3 });
  });

  it('finds the tail hidden from the chain walk (its sequences rewritten as strings) with its checkpoints and anchors removed, from the event logs', async () => {
    const target = await copy();
    const keep = entryCount - 3;
    const list = await entries(target);
    // The entries stay, findable by event id, but a walk by numeric sequence no longer meets them.
    const tail = await trailOf(target).find({ _id: { $gt: keep } as never }).toArray();
    await trailOf(target).deleteMany({ _id: { $gt: keep } as never });
    await trailOf(target).insertMany(tail.map((document) => ({ ...document, _id: String(document._id) })) as never);
    await checkpointsOf(target).deleteMany({ sequence: { $gt: keep } });
    const lines = readFileSync(anchorFileIn(target.anchorDir), 'utf8').trim().split('\n');
    writeFileSync(anchorFileIn(target.anchorDir), lines.filter((line) => JSON.parse(line).sequence <= keep).map((l) => `${l}\n`).join(''));
    const report = await expectDetected(target, 'source_event_missing');
    expect(report.entriesChecked).toBe(keep);
    expect(report.firstMismatch).toMatchObject({ eventId: list[keep].eventId, source: { name: 'registry', position: positionOfEntry(keep + 1) } });
    expect(report.sources.find((s) => s.source === 'registry')).toMatchObject({ missing: 3 });
  });

  it('finds all checkpoints deleted from the trail, against the anchors', async () => {
    const target = await copy();
    await checkpointsOf(target).deleteMany({});
    await expectDetected(target, 'anchor_missing_from_trail');
  });

  /** The same entries, received an hour earlier: older than the checkpoint interval (15 minutes by default). */
  const anHourEarlier = (list: TrailEntry[]) =>
    list.map((entry) => ({ ...entry, receivedAt: new Date(Date.parse(entry.receivedAt) - 3_600_000).toISOString() }));

  it('finds every checkpoint and anchor deleted from a trail older than the checkpoint interval: checkpoints missing, not "0 checked"', async () => {
    const target = await copy();
    await rebuildChain(target, anHourEarlier(await entries(target)));
    await checkpointsOf(target).deleteMany({});
    writeFileSync(anchorFileIn(target.anchorDir), '');
    const report = await expectDetected(target, 'checkpoints_missing');
    expect(report).toMatchObject({ checkpointsChecked: 0, latestCheckpoint: null, firstMismatch: { sequence: 1 } });
    expect(report.firstMismatch?.message).toMatch(/no signed checkpoint/);
  });

  it('finds checkpoints stale: the newest, and its anchor, cover only the first entries, and the rest are older than the interval', async () => {
    const target = await copy();
    const rebuilt = await rebuildChain(target, anHourEarlier(await entries(target)));
    // Re-signed with the deployment's own key, but only over the first three entries.
    const signed = await resign(target, rebuilt.slice(0, 3), signingKey, 3);
    writeAnchors(target, signed);
    const report = await expectDetected(target, 'checkpoint_stale');
    expect(report.problems.map((p) => p.reason)).toEqual(['checkpoint_stale']);
    expect(report).toMatchObject({ latestCheckpoint: { sequence: 3 }, firstMismatch: { sequence: 4 } });
  });

  it('finds the signing key replaced and every checkpoint re-signed over a rewritten chain', async () => {
    const target = await copy();
    const list = await entries(target);
    const rebuilt = await rebuildChain(target, [...list.slice(0, 2), ...list.slice(4)]);
    // The database holder signs with a key of their own: the deployment's key stays in the secret store.
    const { privateKey } = generateKeyPairSync('ed25519');
    const signed = await resign(target, rebuilt, privateKey, checkpointEvery);
    writeAnchors(target, signed);
    const report = await expectDetected(target, 'checkpoint_key_unknown');
    expect(report.trustedKeyIds).not.toContain(signed[0].keyId);
  });

  it('finds it too when the trusted key file beside the anchors was replaced, with the anchors kept elsewhere', async () => {
    const external = join(folder, 'shipped-anchors.jsonl');
    cpSync(anchorFileIn(anchorDir), external);
    const published = readFileSync(trustedKeysFileIn(anchorDir), 'utf8');
    const target = await copy();
    const list = await entries(target);
    const rebuilt = await rebuildChain(target, [...list.slice(0, 2), ...list.slice(4)]);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(trustedKeysFileIn(target.anchorDir), publicKey.export({ type: 'spki', format: 'pem' }));
    const signed = await resign(target, rebuilt, privateKey, checkpointEvery);
    writeAnchors(target, signed);
    // The verifier holds the published key (AUDIT_VERIFY_KEYS) and the shipped copy of the anchors.
    await expectDetected(target, 'anchor_missing_from_trail', { anchors: external, env: { AUDIT_VERIFY_KEYS: published } });
  });
});
