/**
 * A forged `AccountReinstated` cannot clear a revocation, on the real engines with authentication on: registry's
 * Kafka credentials are refused on identity's account topic, the same event on a topic registry may write never
 * reaches the revocation consumer, and even a genuine reinstatement leaves the old tokens refused. The
 * revocation list sits in Redis under registry's own ACL user.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EventPattern } from '@nestjs/microservices';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Topics, topicAccess } from '@vaxledger/contracts';
import { applyKafkaAcls, type BusLogger, KafkaEventBus, kafkaAclBindings, kafkaJsSecurity, removeKafkaAcls } from '@vaxledger/event-bus';
import { type CloudEvent, newId } from '@vaxledger/kernel';
import { RedisStore } from '@vaxledger/kv-store';
import { EventBusServer } from '@vaxledger/runtime';
import { describeWithEngine, enginePrincipals, eventually } from '@vaxledger/testing';
import { type Principal, RevocationConsumer, RevocationList } from '../src';

const quiet: BusLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const event = (type: string, data: object): CloudEvent => ({
  specversion: '1.0',
  id: newId(),
  source: '/vaxledger/identity',
  type,
  time: new Date().toISOString(),
  datacontenttype: 'application/json',
  partitionkey: String((data as { accountId?: string }).accountId ?? 'x'),
  data,
});

describeWithEngine('kafka', 'a forged AccountReinstated on the real engines', (url) => {
  const brokers = url.split(',');
  const redisUrl = process.env.REDIS_URL?.trim();
  const credentials = enginePrincipals();
  if (!credentials || !redisUrl) throw new Error('start the engines with scripts/engines.sh (Kafka, Redis and VAXLEDGER_ENGINE_CREDENTIALS)');
  const { caFile, principals } = credentials;
  const ca = readFileSync(caFile, 'utf8');
  const namespace = `vx-forge-${randomBytes(4).toString('hex')}`;
  const bindings = kafkaAclBindings(topicAccess, { namespace, principalOf: (role) => principals[role].username });
  const security = (role: string) => ({ tls: { ca }, sasl: { mechanism: 'scram-sha-512' as const, ...principals[role] } });
  const busAs = (role: string) =>
    new KafkaEventBus({ brokers, clientId: `vx-forge-${role}`, namespace, security: security(role), logger: quiet, sessionTimeoutMs: 10_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 200 });
  const accountId = newId();
  const principal: Principal = { accountId, role: 'staff', rights: [], facilityId: 'f', provinceCode: '79', sessionId: newId() };
  let admin: Admin;
  let kv: RedisStore;
  const buses: KafkaEventBus[] = [];

  beforeAll(async () => {
    admin = new Kafka({ clientId: 'vx-forge-admin', brokers, ...kafkaJsSecurity(security('admin')), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await applyKafkaAcls(admin, bindings);
    // Registry's own Redis user, in its own prefix: what registry's pipeline holds its revocations in.
    kv = new RedisStore(redisUrl, `vx:registry:forge-${randomBytes(3).toString('hex')}:`, { ...principals.registry, tls: { ca } });
  });

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await kv.close();
    await removeKafkaAcls(admin, bindings).catch(() => undefined);
    const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    if (ours.length) await admin.deleteTopics({ topics: ours }).catch(() => undefined);
    await admin.disconnect();
  });

  it('keeps an account\'s old tokens refused after a suspension, whatever registry publishes', async () => {
    const identity = busAs('identity');
    const registry = busAs('registry');
    buses.push(identity, registry);
    const revocations = new RevocationList(kv);
    const seen: string[] = [];
    // Both served as the services serve them: @EventPattern handlers of the bus transport, on registry's groups.
    class SeenOnIdentityTopic {
      @EventPattern(Topics.identityAccount, { group: `forge-test-${randomBytes(3).toString('hex')}` })
      async handle(message: CloudEvent): Promise<void> {
        seen.push(message.type);
      }
    }
    const server = new EventBusServer({ service: 'registry', bus: registry, kv });
    server.bindConsumers([new RevocationConsumer(revocations), new SeenOnIdentityTopic()]);
    await new Promise<void>((resolve, reject) => server.listen((error) => (error ? reject(error) : resolve())));
    try {
      const issuedBefore = Date.now() - 60_000;
      await identity.publish(Topics.identityAccount, [event('AccountSuspended', { accountId, suspendedAt: new Date().toISOString() })]);
      await eventually(async () => revocations.isRevoked(principal, issuedBefore), 30_000);

      // registry's credentials on identity's topic: the broker refuses the produce request.
      await expect(
        registry.publish(Topics.identityAccount, [event('AccountReinstated', { accountId, reinstatedAt: new Date().toISOString() })]),
      ).rejects.toThrow(/authoriz/i);
      // registry's own topic takes it, but the revocation consumer does not listen there.
      await registry.publish(Topics.registrySubject, [event('AccountReinstated', { accountId, reinstatedAt: new Date().toISOString() })]);
      // A genuine reinstatement from identity reaches the consumer and still does not revive old tokens.
      await identity.publish(Topics.identityAccount, [event('AccountReinstated', { accountId, reinstatedAt: new Date().toISOString() })]);
      await eventually(async () => seen.includes('AccountReinstated'), 30_000);

      expect(seen).toEqual(['AccountSuspended', 'AccountReinstated']);
      expect(await revocations.isRevoked(principal, issuedBefore)).toBe(true);
      expect(await revocations.isRevoked({ ...principal, sessionId: newId() }, Date.now() + 5_000)).toBe(false);
      // The genuine reinstatement is the only one on identity's topic after the suspension.
      const offsets = await admin.fetchTopicOffsets(`${namespace}.${Topics.identityAccount}`);
      expect(offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0)).toBe(2);
    } finally {
      await server.close();
    }
  });
});
