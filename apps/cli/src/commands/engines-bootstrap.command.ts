/**
 * `engines bootstrap`: the one-shot job of a deployment (docker compose's `engine-bootstrap`) that gives every
 * service its own principal on the engines, run with the engines' admin credentials:
 *
 * - Kafka: creates the topics of libs/contracts topic-access.ts (the checkpoints topic compacted, never
 *   expiring) and the ACLs derived from it (a service writes only its own topics). The SCRAM users themselves
 *   are made with Kafka's own `kafka-configs.sh` (kafkajs cannot), see docker-compose.yml.
 * - Redis: one ACL user per service, limited to its key prefix `vx:<service>:`; `ACL SAVE` when the server
 *   keeps an ACL file.
 * - MongoDB: one user per service with readWrite on its own database only (FerretDB v1: without roles).
 *
 * Passwords come from the environment, `<SERVICE>_ENGINE_PASSWORD` (e.g. IDENTITY_ENGINE_PASSWORD); the
 * admin's from KAFKA_SASL_*, REDIS_USERNAME/PASSWORD and MONGO_USERNAME/PASSWORD. Safe to run again.
 */
import { Kafka, logLevel } from 'kafkajs';
import Redis from 'ioredis';
import mongoose from 'mongoose';
import { topicAccess } from '@vaxledger/contracts';
import { applyKafkaAcls, kafkaAclBindings, kafkaJsSecurity } from '@vaxledger/event-bus';
import {
  engineCredentialsFromEnv,
  kafkaSecurityOf,
  mongoConnectionOf,
  redisConnectionOf,
} from '@vaxledger/infrastructure';
import { mongoUrlWithConnection } from '@vaxledger/read-models';
import { ConfigError } from '@vaxledger/runtime';
import { type CliCommand, type CliContext, exitCodes } from '../cli-command';

const services = ['identity', 'registry', 'immunization', 'audit'] as const;

/** The commands RedisStore sends, nothing more (no FLUSHALL, CONFIG, KEYS, DEBUG…). */
export function redisAclRules(service: string, password: string): string[] {
  return [
    'reset',
    'on',
    `>${password}`,
    `~vx:${service}:*`,
    'resetchannels',
    '-@all',
    '+@connection',
    '+@read',
    '+@write',
    '+@transaction',
    '+@scripting',
    '-@dangerous',
    '+info',
    '+scan',
    '-script|flush',
    '-script|kill',
  ];
}

function passwordsFromEnv(env: NodeJS.ProcessEnv, roles: readonly string[]): Record<string, string> {
  const problems: string[] = [];
  const passwords: Record<string, string> = {};
  for (const role of roles) {
    const variable = `${role.toUpperCase()}_ENGINE_PASSWORD`;
    const value = env[variable]?.trim();
    if (!value || value.length < 16) problems.push(`${variable}: the ${role} principal's password, at least 16 characters (not set)`);
    else passwords[role] = value;
  }
  if (problems.length) throw new ConfigError(problems);
  return passwords;
}

async function bootstrapKafka(context: CliContext, principalOf: (role: string) => string): Promise<void> {
  const env = context.env;
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new ConfigError(['KAFKA_BROKERS: required (not set)']);
  const security = kafkaSecurityOf(engineCredentialsFromEnv(env));
  const admin = new Kafka({ clientId: 'vaxledger-engine-bootstrap', brokers, ...kafkaJsSecurity(security), logLevel: logLevel.ERROR }).admin();
  const namespace = env.KAFKA_NAMESPACE?.trim() || undefined;
  const onBroker = (topic: string) => (namespace ? `${namespace}.${topic}` : topic);
  await admin.connect();
  try {
    const partitions = Number(env.KAFKA_TOPIC_PARTITIONS ?? 6);
    await admin.createTopics({
      waitForLeaders: true,
      topics: topicAccess.flatMap((entry) => [
        {
          topic: onBroker(entry.topic),
          numPartitions: partitions,
          replicationFactor: -1,
          configEntries: Object.entries(entry.config ?? {}).map(([name, value]) => ({ name, value })),
        },
        { topic: onBroker(`${entry.topic}.dlq`), numPartitions: partitions, replicationFactor: -1 },
      ]),
    });
    const bindings = kafkaAclBindings(topicAccess, { namespace, principalOf });
    await applyKafkaAcls(admin, bindings);
    context.stdout.write(`kafka: ${topicAccess.length} topics and ${bindings.length} ACLs in place\n`);
  } finally {
    await admin.disconnect();
  }
}

async function bootstrapRedis(context: CliContext, principalOf: (role: string) => string, passwords: Record<string, string>): Promise<void> {
  const url = context.env.REDIS_URL;
  if (!url) throw new ConfigError(['REDIS_URL: required (not set)']);
  const connection = redisConnectionOf(engineCredentialsFromEnv(context.env));
  const tls = connection.tls ?? (url.startsWith('rediss://') ? {} : undefined);
  const redis = new Redis(url, {
    username: connection.username,
    password: connection.password,
    ...(tls ? { tls: tls.ca ? { ca: [tls.ca] } : {} } : {}),
    maxRetriesPerRequest: 3,
  });
  try {
    for (const service of services) {
      await redis.call('ACL', 'SETUSER', principalOf(service), ...redisAclRules(service, passwords[service]));
    }
    // Persisted only when the server was started with an ACL file; otherwise the job runs at every start.
    await redis.call('ACL', 'SAVE').catch(() => undefined);
    context.stdout.write(`redis: ${services.length} ACL users in place\n`);
  } finally {
    await redis.quit();
  }
}

async function bootstrapMongo(context: CliContext, principalOf: (role: string) => string, passwords: Record<string, string>): Promise<void> {
  const url = context.env.MONGO_URL;
  if (!url) throw new ConfigError(['MONGO_URL: required (not set)']);
  const connection = await mongoose
    .createConnection(mongoUrlWithConnection(url, mongoConnectionOf(engineCredentialsFromEnv(context.env))), { dbName: 'admin' })
    .asPromise();
  try {
    for (const service of services) {
      const user = principalOf(service);
      const database = context.env[`${service.toUpperCase()}_MONGO_DATABASE`] ?? `vaxledger_${service}`;
      const roles = [{ role: 'readWrite', db: database }];
      const existing = (await connection.db!.command({ usersInfo: user })).users as unknown[];
      const command = existing.length
        ? { updateUser: user, pwd: passwords[service], roles }
        : { createUser: user, pwd: passwords[service], roles };
      try {
        await connection.db!.command(command);
      } catch (error) {
        // FerretDB v1 implements no roles: its users reach every database (docs/operations.md).
        if (!/roles.*not implemented/i.test((error as Error).message)) throw error;
        await connection.db!.command({ ...command, roles: [] });
        context.stderr.write(`mongo: ${user} created without roles (the server does not implement them)\n`);
      }
    }
    context.stdout.write(`mongo: ${services.length} users in place\n`);
  } finally {
    await connection.close();
  }
}

export const enginesBootstrapCommand: CliCommand = {
  words: ['engines', 'bootstrap'],
  summary:
    'Creates the Kafka topics and ACLs (from the topic access map), the Redis ACL users and the MongoDB users of every service, as the engines\' admin.',
  usage: '[--skip-kafka] [--skip-redis] [--skip-mongo]',
  options: {
    'skip-kafka': { type: 'boolean' },
    'skip-redis': { type: 'boolean' },
    'skip-mongo': { type: 'boolean' },
  },
  async run(context) {
    const prefix = context.env.VAXLEDGER_PRINCIPAL_PREFIX ?? 'vaxledger-';
    const principalOf = (role: string) => `${prefix}${role}`;
    try {
      if (!context.options['skip-kafka']) await bootstrapKafka(context, principalOf);
      if (!context.options['skip-redis'] || !context.options['skip-mongo']) {
        const passwords = passwordsFromEnv(context.env, services);
        if (!context.options['skip-redis']) await bootstrapRedis(context, principalOf, passwords);
        if (!context.options['skip-mongo']) await bootstrapMongo(context, principalOf, passwords);
      }
      return exitCodes.ok;
    } catch (error) {
      context.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `engines bootstrap failed: ${(error as Error).message}\n`);
      return exitCodes.failed;
    }
  },
};
