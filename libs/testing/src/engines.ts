/**
 * Which real engines the tests can use. `npm test` (scripts/test.mjs) starts Kafka, the Mongo-wire server and
 * Redis and exports their addresses; setting KAFKA_BROKERS, MONGO_URL, REDIS_URL or EVENTSTORE_URL by hand
 * points the suites at other engines (e.g. docker compose). Without an address a suite is skipped loudly;
 * with CI=true a missing engine (other than EventStoreDB, which cannot be installed here) fails the run.
 */
import { readFileSync } from 'node:fs';
import { type KafkaSecurity, kafkaJsSecurity } from '@vaxledger/event-bus';
import { engineCredentialsFromEnv, kafkaSecurityOf, mongoConnectionOf, redisConnectionOf } from '@vaxledger/infrastructure';
import type { RedisConnection } from '@vaxledger/kv-store';
import { mongoUrlWithConnection } from '@vaxledger/read-models';

export type EngineName = 'kafka' | 'mongo' | 'redis' | 'eventstoredb';

const variables: Record<EngineName, string> = {
  kafka: 'KAFKA_BROKERS',
  mongo: 'MONGO_URL',
  redis: 'REDIS_URL',
  eventstoredb: 'EVENTSTORE_URL',
};

const optionalInCi: ReadonlySet<EngineName> = new Set(['eventstoredb']);

/**
 * The engine's address; for the Mongo-wire server the connection string carries the suites' user and TLS
 * (MONGO_USERNAME, MONGO_PASSWORD, MONGO_TLS_CA_FILE from `.engines/env.sh`), as a service's does.
 */
export function engineUrl(engine: EngineName): string | null {
  const value = process.env[variables[engine]];
  if (value && value.trim() !== '') {
    if (engine !== 'mongo') return value.trim();
    const url = mongoUrlWithConnection(value.trim(), mongoConnectionOf(engineCredentialsFromEnv()));
    // A few connections opened up front: each new one costs a TLS handshake and a SCRAM exchange, and a suite
    // that races two writers must see them race, not queue behind the one connection being authenticated.
    return /[?&]minPoolSize=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}minPoolSize=4`;
  }
  if (process.env.CI === 'true' && !optionalInCi.has(engine)) {
    throw new Error(
      `CI=true but ${variables[engine]} is not set: the ${engine} engine did not start, refusing to skip its suite`,
    );
  }
  return null;
}

/**
 * `describe` when the engine is there, otherwise a visibly skipped describe whose title says why.
 * Usage: `describeWithEngine('kafka', 'KafkaEventBus contract', (url) => { ... })`.
 */
export function describeWithEngine(engine: EngineName, title: string, body: (url: string) => void): void {
  const url = engineUrl(engine);
  if (url) describe(`${title} [${engine} at ${redact(url)}]`, () => body(url));
  else skipLoudly(title, `SKIPPED: no ${engine} engine (set ${variables[engine]} to run it)`);
}

/**
 * The same rule for a tool a suite drives (nginx, chromium, kustomize, a compose CLI): `describe` when it was
 * found, otherwise a loud skip — or, with CI=true, a failing test, since CI must run every real part.
 */
export function describeWithTool(
  tool: { name: string; location: string | null; install: string },
  title: string,
  body: (location: string) => void,
): void {
  if (tool.location) {
    const location = tool.location;
    describe(`${title} [${tool.name} at ${location}]`, () => body(location));
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it(`has ${tool.name} to run with (CI=true)`, () => {
        throw new Error(`CI=true but ${tool.name} is not available (${tool.install})`);
      });
    });
  } else {
    skipLoudly(title, `SKIPPED: ${tool.name} is not available (${tool.install})`);
  }
}

/** One loud line in the output, plus a skipped test so the suite is reported, not absent. */
function skipLoudly(title: string, reason: string): void {
  process.stderr.write(`\n*** ${title}: ${reason} ***\n`);
  describe.skip(`${title} [${reason}]`, () => {
    it('runs against the real thing', () => undefined);
  });
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * The suites' principal on the test engines (`vaxledger-test` from `.engines/env.sh`): KAFKA_SASL_* and the CA,
 * for a KafkaEventBus (`security`) …
 */
export function kafkaTestSecurity(): KafkaSecurity | undefined {
  return kafkaSecurityOf(engineCredentialsFromEnv());
}

/** … and for a raw kafkajs client: `new Kafka({ clientId, brokers, ...kafkaTestClientSecurity() })`. */
export function kafkaTestClientSecurity(): ReturnType<typeof kafkaJsSecurity> {
  return kafkaJsSecurity(kafkaTestSecurity());
}

/** REDIS_USERNAME, REDIS_PASSWORD and the CA, for `new RedisStore(url, prefix, redisTestConnection())`. */
export function redisTestConnection(): RedisConnection {
  return redisConnectionOf(engineCredentialsFromEnv());
}

export interface EnginePrincipalCredentials {
  caFile: string;
  principals: Record<string, { username: string; password: string }>;
}

/**
 * Every principal of the test engines (admin, test, identity, registry, immunization, audit, reporting), from the
 * file engines.sh writes (VAXLEDGER_ENGINE_CREDENTIALS), for tests that act as a particular service. Null when
 * the engines were pointed at by hand without it.
 */
export function enginePrincipals(): EnginePrincipalCredentials | null {
  const file = process.env.VAXLEDGER_ENGINE_CREDENTIALS?.trim();
  if (!file) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as EnginePrincipalCredentials;
}
