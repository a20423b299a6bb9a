/**
 * The intake against a real Kafka broker: the audit consumer stops, producers keep publishing (some messages
 * twice), the consumer starts again and catches up — nothing lost, nothing stored twice, chain intact.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditComponents, createAuditComponents, SqliteTrailStore, verifyTrail } from '@vaxledger/audit';
import { createTopicsAndAwaitLeaders, KafkaEventBus, silentLogger } from '@vaxledger/event-bus';
import { SqliteEventStore } from '@vaxledger/event-store';
import { type CloudEvent, newId, systemClock } from '@vaxledger/kernel';
import { MemoryStore } from '@vaxledger/kv-store';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { createLogger, Metrics, ReadinessRegistry, type ServiceInfrastructure } from '@vaxledger/runtime';
import type { TopicName } from '@vaxledger/contracts';
import { describeWithEngine, eventually, kafkaTestClientSecurity, kafkaTestSecurity } from '@vaxledger/testing';

jest.setTimeout(120_000);

describeWithEngine('kafka', 'audit intake on Kafka', (brokers) => {
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const topics = [`vaxledger.audittest${run}.login.v1`, `vaxledger.audittest${run}.access.v1`];
  const folder = mkdtempSync(join(tmpdir(), 'vaxledger-audit-kafka-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publisher = new KafkaEventBus({
    brokers: brokers.split(','),
    security: kafkaTestSecurity(),
    clientId: `audit-test-publisher-${run}`,
    logger: silentLogger,
  });
  const closers: Array<() => Promise<void>> = [];

  /** One audit process: its own bus connection and (memory) dedupe store, the shared trail file. */
  async function startAudit(): Promise<AuditComponents> {
    const bus = new KafkaEventBus({
      brokers: brokers.split(','),
      security: kafkaTestSecurity(),
      clientId: `audit-test-${run}`,
      maxWaitTimeMs: 200,
      logger: silentLogger,
    });
    const readModels = new SqliteReadModelStore(join(folder, 'read-models.db'));
    const eventStore = new SqliteEventStore(join(folder, 'events.db'));
    const infra: ServiceInfrastructure = {
      service: 'audit',
      eventStore,
      readModels,
      kv: new MemoryStore(),
      bus,
      delivery: { send: async () => undefined },
      clock: systemClock,
      logger: createLogger({ service: 'audit-test', level: 'silent' }),
      metrics: new Metrics(),
      readiness: new ReadinessRegistry(),
      keys: { tokenPublicKey: publicKey, lookupKey: Buffer.alloc(0), purposeKeys: {}, auditSigningKey: privateKey },
      dataDir: folder,
      settings: { AUDIT_CHECKPOINT_EVERY: '10' },
    };
    const audit = await createAuditComponents(infra, { topics: topics as TopicName[], intakeGroup: `trail-intake-test-${run}` });
    await audit.pipeline.subscribeConsumers();
    await audit.pipeline.start();
    closers.push(async () => {
      await audit.pipeline.stop();
      await audit.trail.close();
      await bus.close();
      await readModels.close();
      await eventStore.close();
    });
    return audit;
  }

  async function stopAudit(): Promise<void> {
    await closers.pop()?.();
  }

  const message = (n: number): CloudEvent => ({
    specversion: '1.0',
    id: newId(),
    source: '/vaxledger/test',
    type: n % 2 ? 'LoginAttempted' : 'vaxledger.access.recorded',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    partitionkey: `acc-${n % 5}`,
    data: {
      action: 'subject.read',
      actor: { accountId: `acc-${n % 5}` },
      subjectIds: [`sub-${n}`],
      outcome: 'success',
    },
  });

  async function storedIds(): Promise<string[]> {
    const trail = new SqliteTrailStore(join(folder, 'audit', 'trail.db'));
    try {
      return (await trail.read({ limit: 10_000 })).map((entry) => entry.eventId);
    } finally {
      await trail.close();
    }
  }

  beforeAll(async () => {
    // Topics exist before either side asks for them: two clients creating the same new topic at once can
    // catch the broker mid leader election.
    const admin = new Kafka({
      brokers: brokers.split(','),
      ...kafkaTestClientSecurity(),
      clientId: `audit-test-admin-${run}`,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      await createTopicsAndAwaitLeaders(admin, topics.map((topic) => ({ topic, numPartitions: 3 })));
    } finally {
      await admin.disconnect();
    }
  });

  afterAll(async () => {
    while (closers.length) await stopAudit();
    await publisher.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('catches up after a stop with nothing lost and nothing stored twice', async () => {
    const first = Array.from({ length: 20 }, (_, n) => message(n));
    const audit = await startAudit();
    for (const [index, topic] of topics.entries())
      await publisher.publish(
        topic,
        first.filter((_, n) => n % 2 === index),
      );
    await eventually(async () => (await audit.trail.count()) === 20, 60_000);
    await stopAudit();

    // While audit is down: new messages, and five of the first ones delivered again by a producer's retry.
    const second = Array.from({ length: 30 }, (_, n) => message(100 + n));
    for (const [index, topic] of topics.entries()) {
      await publisher.publish(
        topic,
        second.filter((_, n) => n % 2 === index),
      );
      await publisher.publish(
        topic,
        first.slice(0, 10).filter((_, n) => n % 2 === index),
      );
    }
    expect(await storedIds()).toHaveLength(20);

    const restarted = await startAudit();
    await eventually(async () => (await restarted.trail.count()) >= 50, 60_000);
    // Give any stray redelivery time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const ids = await storedIds();
    expect(ids).toHaveLength(50);
    expect(new Set(ids)).toEqual(new Set([...first, ...second].map((m) => m.id)));
    expect(await verifyTrail(restarted.trail, publicKey)).toMatchObject({ ok: true, entriesChecked: 50 });
    // A checkpoint once at least 10 entries were added (at the end of the batch that crossed the line).
    const sequences = (await restarted.trail.checkpoints()).map((c) => c.sequence);
    expect(sequences.length).toBeGreaterThanOrEqual(4);
    sequences
      .slice(1)
      .forEach((sequence, index) => expect(sequence - sequences[index]).toBeGreaterThanOrEqual(10));
  });
});
