/**
 * The Kafka checkpoint anchor on the real broker: every signed checkpoint is published to
 * `vaxledger.audit.checkpoints.v1`, a topic the bus creates compacted and never expiring, and verify reads the
 * anchors back from it, so checkpoints deleted from the trail's database are found from Kafka alone.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import {
  anchorFileIn,
  KafkaCheckpointAnchor,
  readAnchorsWithKafka,
  readKafkaAnchors,
  SqliteTrailStore,
  TrailAppender,
  verifyTrail,
} from '@vaxledger/audit';
import { Topics, topicAccess, topicConfigs } from '@vaxledger/contracts';
import { readFileSync } from 'node:fs';
import { applyKafkaAcls, KafkaEventBus, kafkaAclBindings, kafkaJsSecurity, removeKafkaAcls, silentLogger } from '@vaxledger/event-bus';
import { newId } from '@vaxledger/kernel';
import { describeWithEngine, enginePrincipals, eventually, kafkaTestClientSecurity, kafkaTestSecurity } from '@vaxledger/testing';
import { accessDraft } from './trail-fixtures';

jest.setTimeout(120_000);

describeWithEngine('kafka', 'checkpoint anchors on Kafka', (brokers) => {
  const namespace = `vx-anchor-${process.pid}-${Date.now().toString(36)}`;
  const folder = mkdtempSync(join(tmpdir(), 'vaxledger-kafka-anchor-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const bus = new KafkaEventBus({
    brokers: brokers.split(','),
    security: kafkaTestSecurity(),
    clientId: `audit-anchor-test-${process.pid}`,
    namespace,
    maxWaitTimeMs: 200,
    logger: silentLogger,
    // As distributed-infrastructure.ts passes it: the configs of the contracts' topic access map.
    topicConfig: topicConfigs,
  });
  const admin = new Kafka({ clientId: 'audit-anchor-test-admin', brokers: brokers.split(','), ...kafkaTestClientSecurity(), logLevel: logLevel.NOTHING }).admin();
  const onBroker = `${namespace}.${Topics.auditCheckpoints}`;
  const emptyAnchorFile = anchorFileIn(folder);
  let trail: SqliteTrailStore;

  beforeAll(async () => {
    await admin.connect();
    trail = new SqliteTrailStore(join(folder, 'trail.db'));
    const appender = new TrailAppender(trail, {
      clock: { now: () => new Date() },
      signingKey: privateKey,
      checkpointEvery: 2,
      anchors: [new KafkaCheckpointAnchor(bus)],
      onAnchorFailed: (_anchor, _checkpoint, error) => {
        throw error;
      },
    });
    for (let n = 1; n <= 4; n++) await appender.append(accessDraft(n));
    await eventually(async () => (await trail.checkpoints()).length === 2, 20_000);
  });

  afterAll(async () => {
    await trail.close();
    await bus.close();
    const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    if (ours.length) await admin.deleteTopics({ topics: ours }).catch(() => undefined);
    await admin.disconnect();
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates the checkpoint topic compacted and never expiring', async () => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: onBroker, configNames: ['cleanup.policy', 'retention.ms'] }],
    });
    const config = Object.fromEntries(resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]));
    expect(config).toEqual({ 'cleanup.policy': 'compact', 'retention.ms': '-1' });
  });

  it('publishes every signed checkpoint, keyed by kind and sequence, and reads them back', async () => {
    const anchored = await readKafkaAnchors(bus);
    expect(anchored.map((c) => [c.kind, c.sequence])).toEqual([
      ['periodic', 2],
      ['periodic', 4],
    ]);
    expect(anchored).toEqual(await trail.checkpoints());
    const raw = await bus.readFromStart(Topics.auditCheckpoints, 'audit.anchor-test');
    expect(raw.map((m) => m.partitionkey).sort()).toEqual(['periodic:2', 'periodic:4']);
  });

  it('verifies the trail against the Kafka anchors (no anchor file at all)', async () => {
    const report = await verifyTrail(trail, publicKey, { anchors: await readAnchorsWithKafka(emptyAnchorFile, bus) });
    expect(report).toMatchObject({ ok: true, anchorsChecked: 2, checkpointsChecked: 2, entriesChecked: 4 });
    expect(report.anchorFile).toContain(`kafka:${Topics.auditCheckpoints}`);
  });

  it('finds checkpoints deleted from the trail\'s database from the Kafka anchors alone', async () => {
    // A copy of the trail without its checkpoints: what someone holding the trail's database can make of it.
    const copy = new SqliteTrailStore(join(folder, 'stripped.db'));
    try {
      await copy.append(await trail.read({ limit: 100 }));
      const report = await verifyTrail(copy, publicKey, { anchors: await readAnchorsWithKafka(emptyAnchorFile, bus) });
      expect(report).toMatchObject({ ok: false, firstMismatch: { reason: 'anchor_missing_from_trail', sequence: 2 } });
      expect(report.problems.map((p) => p.reason)).toEqual(['anchor_missing_from_trail', 'anchor_missing_from_trail']);
    } finally {
      await copy.close();
    }
  });

  it('lets audit\'s own credentials read the anchors under the ACLs, and refuses another service writing there', async () => {
    const credentials = enginePrincipals();
    if (!credentials) throw new Error('VAXLEDGER_ENGINE_CREDENTIALS is not set: start the engines with scripts/engines.sh');
    const ca = readFileSync(credentials.caFile, 'utf8');
    const security = (role: string) => ({ tls: { ca }, sasl: { mechanism: 'scram-sha-512' as const, ...credentials.principals[role] } });
    const privileged = new Kafka({ clientId: 'audit-anchor-acl-admin', brokers: brokers.split(','), ...kafkaJsSecurity(security('admin')), logLevel: logLevel.NOTHING }).admin();
    const bindings = kafkaAclBindings(topicAccess, { namespace, principalOf: (role) => credentials.principals[role].username });
    await privileged.connect();
    const busAs = (role: string) =>
      new KafkaEventBus({ brokers: brokers.split(','), clientId: `vx-anchor-${role}`, namespace, security: security(role), logger: silentLogger, maxWaitTimeMs: 200 });
    const audit = busAs('audit');
    const registry = busAs('registry');
    try {
      await applyKafkaAcls(privileged, bindings);
      expect((await readKafkaAnchors(audit)).map((c) => c.sequence)).toEqual([2, 4]);
      await expect(
        new KafkaCheckpointAnchor(registry).anchor({ ...(await trail.checkpoints())[0], sequence: 1 }),
        // Refused before the produce request (registry may not even describe-create the topic) or at it.
      ).rejects.toThrow(/authoriz|Topic creation errors/i);
      expect((await readKafkaAnchors(audit)).map((c) => c.sequence)).toEqual([2, 4]);
    } finally {
      await audit.close();
      await registry.close();
      await removeKafkaAcls(privileged, bindings).catch(() => undefined);
      await privileged.disconnect();
    }
  });

  it('reports an anchor topic holding something that is not a signed checkpoint, never skips it', async () => {
    writeFileSync(emptyAnchorFile, '');
    await bus.publish(Topics.auditCheckpoints, [
      {
        specversion: '1.0',
        id: newId(),
        source: '/vaxledger/test',
        type: 'vaxledger.audit.checkpoint.signed',
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        partitionkey: 'periodic:99',
        data: { kind: 'periodic', sequence: 99 },
      },
    ]);
    const report = await verifyTrail(trail, publicKey, { anchors: await readAnchorsWithKafka(emptyAnchorFile, bus) });
    expect(report).toMatchObject({ ok: false, firstMismatch: { reason: 'anchor_unreadable' } });
  });
});
