import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { enginePrincipals as contractPrincipals, Topics, topicAccess, topicsWrittenOnlyBy } from '@vaxledger/contracts';
import { type CloudEvent, newId } from '@vaxledger/kernel';
import { describeWithEngine, enginePrincipals, eventually } from '@vaxledger/testing';
import { applyKafkaAcls, type BusLogger, KafkaEventBus, kafkaAclBindings, kafkaJsSecurity, removeKafkaAcls } from '../src';

const quiet: BusLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const event = (type: string, data: object): CloudEvent => ({
  specversion: '1.0',
  id: newId(),
  source: '/vaxledger/test',
  type,
  time: new Date().toISOString(),
  datacontenttype: 'application/json',
  partitionkey: 'acc-1',
  data,
});

describe('Kafka ACLs derived from the topic access map', () => {
  const bindings = kafkaAclBindings(topicAccess, { namespace: 'ns', principalOf: (role) => `vaxledger-${role}` });
  const allowed = (principal: string, operation: string, name: string) =>
    bindings.some((b) => b.principal === `User:vaxledger-${principal}` && b.operation === operation && b.resourceType === 'topic' && b.name === name);

  it('lets identity alone write the account, login and organisation topics', () => {
    expect(topicsWrittenOnlyBy('identity').sort()).toEqual(
      [Topics.identityAccount, Topics.identityLogin, Topics.identityOrganisation].sort(),
    );
    for (const topic of topicsWrittenOnlyBy('identity')) {
      for (const principal of contractPrincipals) {
        expect([principal, allowed(principal, 'write', `ns.${topic}`)]).toEqual([principal, principal === 'identity']);
      }
    }
  });

  it('covers every published topic, and gives readers their topic, its dead-letter topic and their own groups only', () => {
    expect(new Set(topicAccess.map((entry) => entry.topic))).toEqual(new Set([...Object.values(Topics), 'vaxledger.audit.checkpoints.v1']));
    expect(allowed('reporting', 'read', `ns.${Topics.immunizationDose}`)).toBe(true);
    expect(allowed('reporting', 'read', `ns.${Topics.registrySubject}`)).toBe(false);
    expect(allowed('registry', 'write', `ns.${Topics.immunizationRecord}.dlq`)).toBe(true);
    expect(bindings.filter((b) => b.resourceType === 'group').map((b) => `${b.principal} ${b.name}`)).toContain('User:vaxledger-registry ns.registry.');
    expect(bindings.every((b) => b.name.startsWith('ns.'))).toBe(true);
  });
});

describeWithEngine('kafka', 'Kafka ACLs on the real broker', (url) => {
  const brokers = url.split(',');
  const credentials = enginePrincipals();
  if (!credentials) throw new Error('VAXLEDGER_ENGINE_CREDENTIALS is not set: start the engines with scripts/engines.sh');
  const { caFile, principals } = credentials;
  const namespace = `vx-acl-${randomBytes(4).toString('hex')}`;
  const bindings = kafkaAclBindings(topicAccess, { namespace, principalOf: (role) => principals[role].username });
  const security = (role: string) => ({
    tls: { ca: readFileSync(caFile, 'utf8') },
    sasl: { mechanism: 'scram-sha-512' as const, ...principals[role] },
  });
  const client = (role: string) =>
    new Kafka({ clientId: `vx-acl-test-${role}`, brokers, ...kafkaJsSecurity(security(role)), logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  const busAs = (role: string) =>
    new KafkaEventBus({ brokers, clientId: `vx-acl-test-${role}`, namespace, security: security(role), logger: quiet, sessionTimeoutMs: 10_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 200 });
  let admin: Admin;
  const buses: KafkaEventBus[] = [];

  beforeAll(async () => {
    admin = client('admin').admin();
    await admin.connect();
    await applyKafkaAcls(admin, bindings);
  });

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await removeKafkaAcls(admin, bindings).catch(() => undefined);
    const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    if (ours.length) await admin.deleteTopics({ topics: ours }).catch(() => undefined);
    await admin.disconnect();
  });

  it('refuses registry\'s credentials publishing an AccountReinstated to identity\'s account topic', async () => {
    const identity = busAs('identity');
    const registry = busAs('registry');
    buses.push(identity, registry);
    // identity may, so the topic exists and the refusal below is about who writes, not about a missing topic.
    await identity.publish(Topics.identityAccount, [event('AccountSuspended', { accountId: 'acc-1' })]);
    await registry.publish(Topics.registrySubject, [event('SubjectRegistered', { subjectId: 's-1' })]);

    await expect(registry.publish(Topics.identityAccount, [event('AccountReinstated', { accountId: 'acc-1' })])).rejects.toThrow(
      /authoriz/i,
    );
    // The same with a plain producer: the broker answers TOPIC_AUTHORIZATION_FAILED to the produce request.
    const producer = client('registry').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await expect(
        producer.send({ topic: `${namespace}.${Topics.identityAccount}`, acks: -1, messages: [{ key: 'acc-1', value: '{}' }] }),
      ).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    } finally {
      await producer.disconnect();
    }

    // What is on identity's topic is identity's message only.
    const offsets = await admin.fetchTopicOffsets(`${namespace}.${Topics.identityAccount}`);
    expect(offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0)).toBe(1);
  });

  it('lets a service read what it consumes, in its own groups only, and nothing else', async () => {
    const received: string[] = [];
    const registry = busAs('registry');
    buses.push(registry);
    const subscription = await registry.subscribe({
      groupId: 'registry.acl-test',
      topics: [Topics.identityAccount],
      handler: async (message, context) => void received.push(`${context.topic} ${message.type}`),
    });
    await eventually(async () => received.includes(`${Topics.identityAccount} AccountSuspended`), 20_000);
    await subscription.stop();

    // Another service's consumer group, or a topic registry does not consume, is refused by the broker.
    // (kafkajs reports a group refused at FindCoordinator as "Failed to find group coordinator"; the same
    // principal in a group of its own, on the same topic, joins.)
    expect(await refusalOf('registry', `${namespace}.registry.acl-test-3`, Topics.identityAccount)).toBe('none');
    expect(await refusalOf('registry', `${namespace}.audit.trail-intake`, Topics.identityAccount)).toMatch(
      /GROUP_AUTHORIZATION_FAILED|Failed to find group coordinator/,
    );
    expect(await refusalOf('registry', `${namespace}.registry.acl-test-2`, Topics.identityLogin)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await refusalOf('reporting', `${namespace}.reporting.acl-test`, Topics.registrySubject)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('gives the reporting consumer the pseudonymous dose topic and not the subject topic', async () => {
    const admin2 = client('reporting').admin();
    await admin2.connect();
    try {
      await admin2.fetchTopicOffsets(`${namespace}.${Topics.immunizationDose}`).catch((error: { type?: string }) => {
        // Not created yet is fine; refused is not.
        expect(error.type).not.toBe('TOPIC_AUTHORIZATION_FAILED');
      });
      await expect(admin2.fetchTopicOffsets(`${namespace}.${Topics.registrySubject}`)).rejects.toMatchObject({
        type: 'TOPIC_AUTHORIZATION_FAILED',
      });
    } finally {
      await admin2.disconnect();
    }
  });

  /** The broker's error code when `role` joins `groupId` on `topic`, or 'none' if it was let in. */
  async function refusalOf(role: string, groupId: string, topic: string): Promise<string> {
    const consumer = client(role).consumer({ groupId, maxWaitTimeInMs: 200, retry: { retries: 0 } });
    try {
      const crashed = new Promise<string>((resolve) =>
        consumer.on(consumer.events.CRASH, ({ payload }) => resolve((payload.error as { type?: string }).type ?? payload.error.message)),
      );
      const joined = new Promise<string>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve('none')));
      await consumer.connect();
      const outcome = consumer
        .subscribe({ topics: [`${namespace}.${topic}`], fromBeginning: true })
        .then(() => consumer.run({ eachMessage: async () => undefined }))
        .then(() => Promise.race([crashed, joined]))
        .catch((error: { type?: string; message: string }) => error.type ?? error.message);
      return await outcome;
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }
});
