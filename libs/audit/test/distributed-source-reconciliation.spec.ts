/**
 * Source reconciliation in distributed mode, against the real engines: the trail in the Mongo-wire server, each
 * service's event log named by AUDIT_SOURCE_EVENT_STORES (the SQLite stand-in for EventStoreDB, which cannot be
 * installed here), and the events carried into the trail over Kafka by the real intake consumer. An event that is
 * in registry's log but never reached the trail (a cut tail, a removed stretch, a message never delivered) is
 * named by verify, with its position in the source log.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  distributedSources,
  loadAuditSettings,
  MongoTrailStore,
  parseForTrail,
  TrailAppender,
  verifyTrail,
} from '@vaxledger/audit';
import { KafkaEventBus, silentLogger } from '@vaxledger/event-bus';
import { SqliteEventStore } from '@vaxledger/event-store';
import { newId, type RecordedEvent } from '@vaxledger/kernel';
import { registryIntegration } from '@vaxledger/registry';
import { describeWithEngine, engineUrl, eventually, kafkaTestSecurity } from '@vaxledger/testing';

import { transfer } from './source-events';

jest.setTimeout(120_000);


describeWithEngine('mongo', 'distributed source reconciliation', (mongoUrl) => {
  const kafka = engineUrl('kafka');
  const folder = mkdtempSync(join(tmpdir(), 'vaxledger-source-reconciliation-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const namespace = `vx-reconcile-${process.pid}-${Date.now().toString(36)}`;
  const stores = Object.fromEntries(['identity', 'registry', 'immunization'].map((s) => [s, join(folder, `${s}-events.db`)]));
  let trail: MongoTrailStore;
  let registryLog: SqliteEventStore;
  let bus: KafkaEventBus | null = null;

  beforeAll(async () => {
    trail = await MongoTrailStore.connect(mongoUrl, { dbName: `vx_reconcile_${process.pid}_${Date.now().toString(36)}` });
    for (const file of Object.values(stores)) await new SqliteEventStore(file).close();
    registryLog = new SqliteEventStore(stores.registry);
  });

  afterAll(async () => {
    await bus?.close();
    await registryLog.close();
    await trail.dropDatabase();
    await trail.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const sources = () =>
    distributedSources(
      loadAuditSettings({
        AUDIT_SOURCE_EVENT_STORES: Object.entries(stores)
          .map(([service, file]) => `${service}=sqlite:${file}`)
          .join(','),
      }),
      { lookupKey: Buffer.alloc(32), settings: {} },
    );

  async function verifyNow() {
    const opened = sources();
    try {
      return await verifyTrail(trail, publicKey, { sources: opened, sourceGraceMs: 60_000 });
    } finally {
      for (const source of opened) await source.close();
    }
  }

  it('finds a registry event missing from the trail, and none once every event is in', async () => {
    for (let n = 0; n < 3; n++) await registryLog.append(`subject-${newId()}`, [transfer(newId())], 'no_stream');
    const logged: RecordedEvent[] = await registryLog.readAll({ after: null, maxCount: 100 });
    const messages = logged.flatMap((event) => registryIntegration(event));
    expect(messages).toHaveLength(3);

    // The first two reach the trail over Kafka (the real bus and the trail's intake parsing); the third never does.
    const appender = new TrailAppender(trail, { clock: { now: () => new Date() }, signingKey: privateKey, checkpointEvery: 1 });
    const delivered = messages.slice(0, 2);
    if (kafka) {
      bus = new KafkaEventBus({ brokers: kafka.split(','), security: kafkaTestSecurity(), clientId: 'vx-reconcile-test', namespace, logger: silentLogger, maxWaitTimeMs: 200 });
      const topic = delivered[0].topic;
      const received = new Set<string>();
      const subscription = await bus.subscribe({
        groupId: `audit.reconcile-${process.pid}`,
        topics: [topic],
        handler: async (message, context) => {
          const parsed = parseForTrail(message, context.topic);
          if (!parsed.ok) throw new Error(parsed.error);
          await appender.append(parsed.draft);
          received.add(message.id);
        },
      });
      await bus.publish(topic, delivered.map((d) => d.message));
      await eventually(async () => received.size === 2, 30_000);
      await subscription.stop();
    } else {
      for (const { message, topic } of delivered) {
        const parsed = parseForTrail(message, topic);
        if (!parsed.ok) throw new Error(parsed.error);
        await appender.append(parsed.draft);
      }
    }
    // Two appends arriving together are one batch under one checkpoint: wait for a checkpoint covering both.
    await eventually(async () => (await trail.latestCheckpoint())?.sequence === 2, 10_000);

    const report = await verifyNow();
    expect(report).toMatchObject({
      ok: false,
      entriesChecked: 2,
      firstMismatch: { reason: 'source_event_missing', eventId: logged[2].metadata.eventId, source: { name: 'registry', position: logged[2].position } },
    });
    expect(report.sources.find((s) => s.source === 'registry')).toMatchObject({ missing: 1 });
    expect(report.problems.map((p) => p.reason)).toEqual(['source_event_missing']);

    // Once the third is in, every source reconciles.
    const parsed = parseForTrail(messages[2].message, messages[2].topic);
    if (!parsed.ok) throw new Error(parsed.error);
    await appender.append(parsed.draft);
    await eventually(async () => (await trail.latestCheckpoint())?.sequence === 3, 10_000);
    expect(await verifyNow()).toMatchObject({ ok: true, entriesChecked: 3, problems: [] });
  });
});
