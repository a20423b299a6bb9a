/**
 * `audit verify` in distributed mode reads the checkpoints anchored on the compacted Kafka topic as the audit
 * service's own verify does: a trail in the Mongo-wire server whose checkpoints were deleted (by someone holding
 * the trail's database, with the anchor file gone too) still fails, named by the Kafka anchors alone.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import mongoose from 'mongoose';
import { KafkaCheckpointAnchor, MongoTrailStore, TrailAppender, type TrailEntryDraft } from '@vaxledger/audit';
import { Topics, topicConfigs } from '@vaxledger/contracts';
import { KafkaEventBus, silentLogger } from '@vaxledger/event-bus';
import { SqliteEventStore } from '@vaxledger/event-store';
import { newId } from '@vaxledger/kernel';
import { describeWithEngine, engineUrl, eventually, kafkaTestSecurity } from '@vaxledger/testing';
import { runCli } from '../cli-command';
import { auditCommands } from './audit';

jest.setTimeout(120_000);

const draft = (n: number): TrailEntryDraft => ({
  eventId: newId(),
  topic: Topics.auditAccess,
  type: 'vaxledger.access.recorded',
  source: '/vaxledger/registry',
  occurredAt: new Date().toISOString(),
  partitionKey: 'acc-1',
  correlationId: newId(),
  actor: { accountId: 'acc-1', facilityId: 'fac-1', provinceCode: '79' },
  subjectIds: [`sub-${n}`],
  provinceCode: '79',
  facilityId: 'fac-1',
  payload: { action: 'subject.search', resultCount: 1 },
  maskedFields: [],
});

describeWithEngine('kafka', 'audit verify reads the Kafka checkpoint anchors (distributed)', (brokers) => {
  const mongoUrl = engineUrl('mongo');
  const folder = mkdtempSync(join(tmpdir(), 'vaxledger-cli-kafka-anchors-'));
  const namespace = `vx-cli-anchor-${process.pid}-${Date.now().toString(36)}`;
  const dbName = `vx_cli_anchor_${process.pid}_${Date.now().toString(36)}`;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const stores = ['identity', 'registry', 'immunization'].map((service) => `${service}=sqlite:${join(folder, `${service}.db`)}`);
  let bus: KafkaEventBus;
  let trail: MongoTrailStore;

  async function cli(extraEnv: Record<string, string>, ...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      commands: auditCommands,
      env: {
        ...process.env,
        AUDIT_TRAIL_MONGO_URL: `${mongoUrl!.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`)}`,
        AUDIT_ANCHOR_DIR: join(folder, 'anchors'),
        AUDIT_VERIFY_KEYS: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        AUDIT_SOURCE_EVENT_STORES: stores.join(','),
        KAFKA_NAMESPACE: namespace,
        ...extraEnv,
      },
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
      stdin: new PassThrough(),
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  beforeAll(async () => {
    if (!mongoUrl) throw new Error('this suite needs the Mongo-wire engine too (MONGO_URL): start the engines with scripts/engines.sh');
    for (const store of stores) await new SqliteEventStore(store.split('=sqlite:')[1]).close();
    bus = new KafkaEventBus({
      brokers: brokers.split(','),
      security: kafkaTestSecurity(),
      clientId: `cli-anchor-test-${process.pid}`,
      namespace,
      maxWaitTimeMs: 200,
      logger: silentLogger,
      topicConfig: topicConfigs,
    });
    trail = await MongoTrailStore.connect(mongoUrl, { dbName });
    // Only the Kafka anchor: no anchor file is ever written, so whatever verify knows beyond the trail comes from Kafka.
    const appender = new TrailAppender(trail, {
      clock: { now: () => new Date() },
      signingKey: privateKey,
      checkpointEvery: 2,
      anchors: [new KafkaCheckpointAnchor(bus)],
      onAnchorFailed: (_anchor, _checkpoint, error) => {
        throw error;
      },
    });
    for (let n = 1; n <= 4; n++) await appender.append(draft(n));
    await eventually(async () => (await trail.checkpoints()).length === 2, 20_000);
  });

  afterAll(async () => {
    await bus?.close();
    await trail?.dropDatabase();
    await trail?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('checks the trail against the checkpoints on the topic', async () => {
    const { code, stdout } = await cli({ KAFKA_BROKERS: brokers }, 'audit', 'verify', '--json');
    const report = JSON.parse(stdout);
    expect({ code, ok: report.ok, anchorsChecked: report.anchorsChecked, checkpointsChecked: report.checkpointsChecked }).toEqual({
      code: 0,
      ok: true,
      anchorsChecked: 2,
      checkpointsChecked: 2,
    });
    expect(report.anchorFile).toContain(`kafka:${Topics.auditCheckpoints}`);
  });

  it('fails when the checkpoints were deleted from the trail database, found from the topic alone', async () => {
    const connection = await mongoose.createConnection(mongoUrl!, { dbName }).asPromise();
    try {
      await connection.db!.collection('audit_checkpoints').deleteMany({});
    } finally {
      await connection.close();
    }
    const { code, stdout } = await cli({ KAFKA_BROKERS: brokers }, 'audit', 'verify', '--json');
    const report = JSON.parse(stdout);
    expect(code).toBe(1);
    expect(report).toMatchObject({ ok: false, firstMismatch: { reason: 'anchor_missing_from_trail', sequence: 2 } });
  });

  it('refuses to answer without the Kafka anchors unless told to compare with the anchor file alone', async () => {
    const refused = await cli({ KAFKA_BROKERS: '' }, 'audit', 'verify', '--json');
    expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 2, stdout: '' });
    expect(refused.stderr).toContain('KAFKA_BROKERS is not set, so the checkpoints anchored on Kafka cannot be read');
    const fileOnly = await cli({ KAFKA_BROKERS: '' }, 'audit', 'verify', '--json', '--file-anchors-only');
    expect(fileOnly.stderr).toContain('--file-anchors-only: the checkpoints anchored on Kafka were not read');
    expect(JSON.parse(fileOnly.stdout).anchorFile).not.toContain('kafka:');
  });
});
