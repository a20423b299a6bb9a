/**
 * Credentials and TLS of the engines (Kafka, Redis, MongoDB), from the environment only. Each service has its
 * own principal on every engine; docs/operations.md lists the variables and what the engines enforce.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { KafkaSecurity } from '@vaxledger/event-bus';
import type { RedisConnection } from '@vaxledger/kv-store';
import { type MongoConnection } from '@vaxledger/read-models';
import { ConfigError, env, loadConfig } from '@vaxledger/runtime';

const optionalText = () => z.string().min(1).optional();

export const engineCredentialsShape = {
  KAFKA_SASL_MECHANISM: z.enum(['scram-sha-512', 'scram-sha-256', 'plain']).default('scram-sha-512'),
  KAFKA_SASL_USERNAME: optionalText(),
  KAFKA_SASL_PASSWORD: optionalText(),
  KAFKA_TLS: env.bool(false),
  KAFKA_TLS_CA_FILE: optionalText(),
  REDIS_USERNAME: optionalText(),
  REDIS_PASSWORD: optionalText(),
  REDIS_TLS_CA_FILE: optionalText(),
  MONGO_USERNAME: optionalText(),
  MONGO_PASSWORD: optionalText(),
  MONGO_AUTH_SOURCE: optionalText(),
  MONGO_AUTH_MECHANISM: z.enum(['SCRAM-SHA-256', 'SCRAM-SHA-1']).optional(),
  MONGO_TLS: env.bool(false),
  MONGO_TLS_CA_FILE: optionalText(),
};

const engineCredentialsObject = z.object(engineCredentialsShape);
export type EngineCredentials = z.infer<typeof engineCredentialsObject>;

/** A user without a password (or the reverse) stops start-up, naming the variable. */
export function checkEngineCredentials(config: EngineCredentials, ctx: z.RefinementCtx): void {
  const pairs: Array<[keyof EngineCredentials, keyof EngineCredentials]> = [
    ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'],
    ['REDIS_USERNAME', 'REDIS_PASSWORD'],
    ['MONGO_USERNAME', 'MONGO_PASSWORD'],
  ];
  for (const [user, password] of pairs) {
    if (config[user] && !config[password]) ctx.addIssue({ code: 'custom', path: [password], message: `required with ${user}` });
    if (config[password] && !config[user]) ctx.addIssue({ code: 'custom', path: [user], message: `required with ${password}` });
  }
}

/**
 * The CA files must be readable PEM certificates; checked when the service starts (not by the schema, so a
 * deployment's environment can be validated away from the machine that mounts the files).
 */
export function checkCaFiles(config: EngineCredentials): void {
  const problems: string[] = [];
  for (const variable of ['KAFKA_TLS_CA_FILE', 'REDIS_TLS_CA_FILE', 'MONGO_TLS_CA_FILE'] as const) {
    const file = config[variable];
    if (!file) continue;
    try {
      if (!/-----BEGIN CERTIFICATE-----/.test(readFileSync(file, 'utf8'))) throw new Error('no PEM certificate in it');
    } catch (error) {
      problems.push(`${variable}: must be a readable PEM CA file (${(error as Error).message})`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
}

export const engineCredentialsSchema = engineCredentialsObject.superRefine(checkEngineCredentials);

/** For tools and tests that connect like a service does: the same variables, the same checks. */
export function engineCredentialsFromEnv(environment: NodeJS.ProcessEnv = process.env): EngineCredentials {
  return loadConfig(engineCredentialsSchema, environment);
}

export function kafkaSecurityOf(config: EngineCredentials): KafkaSecurity | undefined {
  const tls = config.KAFKA_TLS || config.KAFKA_TLS_CA_FILE ? { ca: readCa(config.KAFKA_TLS_CA_FILE) } : undefined;
  const sasl =
    config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD
      ? { mechanism: config.KAFKA_SASL_MECHANISM, username: config.KAFKA_SASL_USERNAME, password: config.KAFKA_SASL_PASSWORD }
      : undefined;
  return tls || sasl ? { ...(tls ? { tls } : {}), ...(sasl ? { sasl } : {}) } : undefined;
}

export function redisConnectionOf(config: EngineCredentials): RedisConnection {
  return {
    username: config.REDIS_USERNAME,
    password: config.REDIS_PASSWORD,
    ...(config.REDIS_TLS_CA_FILE ? { tls: { ca: readCa(config.REDIS_TLS_CA_FILE) } } : {}),
  };
}

export function mongoConnectionOf(config: EngineCredentials): MongoConnection {
  return {
    username: config.MONGO_USERNAME,
    password: config.MONGO_PASSWORD,
    authSource: config.MONGO_AUTH_SOURCE,
    authMechanism: config.MONGO_AUTH_MECHANISM,
    tls: config.MONGO_TLS,
    tlsCAFile: config.MONGO_TLS_CA_FILE,
  };
}

/** Which engines this configuration reaches without a user of its own, for one warning at start-up. */
export function unauthenticatedEngines(config: EngineCredentials, redisUrl: string, mongoUrl: string): string[] {
  const missing: string[] = [];
  if (!config.KAFKA_SASL_USERNAME) missing.push('Kafka (KAFKA_SASL_USERNAME)');
  if (!config.REDIS_USERNAME && !/^rediss?:\/\/[^/]*@/.test(redisUrl)) missing.push('Redis (REDIS_USERNAME)');
  if (!config.MONGO_USERNAME && !/^mongodb(\+srv)?:\/\/[^/]*@/.test(mongoUrl)) missing.push('MongoDB (MONGO_USERNAME)');
  return missing;
}

function readCa(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`${file}: cannot read the CA file (${(error as Error).message})`]);
  }
}
