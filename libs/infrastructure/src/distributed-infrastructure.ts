import { createPrivateKey, createPublicKey } from 'node:crypto';
import { topicConfigs } from '@vaxledger/contracts';
import { KafkaEventBus } from '@vaxledger/event-bus';
import { EventStoreDbEventStore, SqliteEventStore } from '@vaxledger/event-store';
import { type EventStore, type MessageDelivery, systemClock } from '@vaxledger/kernel';
import { RedisStore } from '@vaxledger/kv-store';
import { MongoReadModelStore, mongoUrlWithConnection } from '@vaxledger/read-models';
import {
  ConfigError,
  purposeKeysFor,
  type Logger,
  type Metrics,
  type ReadinessRegistry,
  type ServiceInfrastructure,
  type ServiceName,
} from '@vaxledger/runtime';
import { checkServiceSecrets, type DistributedConfig } from './distributed-config';
import { checkCaFiles, kafkaSecurityOf, mongoConnectionOf, redisConnectionOf, unauthenticatedEngines } from './engine-credentials';
import { publicKeysFromPemList, decodeSecret } from './secrets';

export interface DistributedOptions {
  service: ServiceName;
  config: DistributedConfig;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessRegistry;
  env: Record<string, string | undefined>;
  /** identity passes its SMTP/SMS adapter; other services never deliver messages. */
  delivery?: MessageDelivery;
}

const pem = (value: string) => value.replace(/\\n/g, '\n');

const noDelivery: MessageDelivery = {
  async send() {
    throw new Error('this service does not deliver messages');
  },
};

/** One service's adapters for the distributed mode: EventStoreDB (or SQLite), Kafka, MongoDB, Redis. */
export async function createDistributedInfrastructure(
  options: DistributedOptions,
): Promise<{ infra: ServiceInfrastructure; close(): Promise<void> }> {
  const { service, config, logger, readiness } = options;
  const problems = checkServiceSecrets(service, config);
  if (problems.length) throw new ConfigError(problems);

  const eventStore: EventStore =
    config.EVENT_STORE === 'esdb'
      ? new EventStoreDbEventStore(config.EVENTSTORE_URL!)
      : new SqliteEventStore(config.EVENT_STORE_SQLITE_PATH!);
  checkCaFiles(config);
  const unauthenticated = unauthenticatedEngines(config, config.REDIS_URL, config.MONGO_URL);
  if (unauthenticated.length) {
    logger.warn({ engines: unauthenticated }, 'connecting to engines without credentials of this service; see docs/operations.md');
  }
  // One connection string with the service's user and TLS, for every Mongo client of the service (read
  // models, audit's trail).
  const mongoUrl = mongoUrlWithConnection(config.MONGO_URL, mongoConnectionOf(config));
  const readModels = await MongoReadModelStore.connect(mongoUrl);
  const kv = new RedisStore(config.REDIS_URL, `vx:${service}:`, redisConnectionOf(config));
  const bus = new KafkaEventBus({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID ?? `vaxledger-${service}`,
    security: kafkaSecurityOf(config),
    namespace: config.KAFKA_NAMESPACE,
    logger: logger.child({ component: 'kafka' }),
    // A topic the bus creates itself (no `engines bootstrap` run) still gets its configuration: the checkpoint
    // anchors must be compacted and never expire.
    topicConfig: topicConfigs,
  });

  const tokenPrivateKey = config.JWT_PRIVATE_KEY ? createPrivateKey(pem(config.JWT_PRIVATE_KEY)) : undefined;
  const tokenPublicKey = config.JWT_PUBLIC_KEY
    ? createPublicKey(pem(config.JWT_PUBLIC_KEY))
    : createPublicKey(tokenPrivateKey!);

  const rootSecret = config.VAXLEDGER_LOOKUP_KEY ? decodeSecret(config.VAXLEDGER_LOOKUP_KEY) : Buffer.alloc(0);

  readiness.add(
    { name: 'event-store', check: async () => void (await eventStore.headPosition()) },
    { name: 'read-models', check: () => readModels.ping() },
    { name: 'redis', check: () => kv.ping() },
  );

  const infra: ServiceInfrastructure = {
    service,
    eventStore,
    readModels,
    kv,
    bus,
    delivery: options.delivery ?? noDelivery,
    clock: systemClock,
    logger,
    metrics: options.metrics,
    readiness,
    keys: {
      tokenPublicKey,
      previousTokenPublicKeys: publicKeysFromPemList(config.JWT_PREVIOUS_PUBLIC_KEYS),
      tokenPrivateKey: service === 'identity' ? tokenPrivateKey : undefined,
      lookupKey: service === 'identity' ? rootSecret : Buffer.alloc(0),
      purposeKeys: purposeKeysFor(service, rootSecret),
      auditSigningKey:
        service === 'audit' && config.AUDIT_SIGNING_KEY ? createPrivateKey(pem(config.AUDIT_SIGNING_KEY)) : undefined,
    },
    settings: { ...options.env, MONGO_URL: mongoUrl },
  };
  return {
    infra,
    async close() {
      await bus.close();
      await eventStore.close();
      await readModels.close();
      await kv.close();
    },
  };
}
