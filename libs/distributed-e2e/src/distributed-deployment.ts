/**
 * The distributed deployment of one test run: the four services as separate processes against the real Kafka,
 * Mongo-wire and Redis engines (one database per service and per run), SQLite event stores in a temp dir (the
 * EventStoreDB adapter's stand-in, selected by EVENT_STORE=sqlite), generated keys, and nginx in front.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey, type KeyObject, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { topicAccess } from '@vaxledger/contracts';
import {
  applyKafkaAcls,
  type KafkaAclBinding,
  KafkaEventBus,
  type KafkaSecurity,
  kafkaAclBindings,
  kafkaJsSecurity,
  removeKafkaAcls,
} from '@vaxledger/event-bus';
import type { CloudEvent } from '@vaxledger/kernel';
import { type EnginePrincipalCredentials, enginePrincipals } from '@vaxledger/testing';
import { type DeploymentSecrets, generateDeploymentSecrets } from './deployment-secrets';
import { GatewayClient } from './gateway-client';
import { NginxGateway } from './nginx-gateway';
import { OutboxFile } from './outbox-file';
import {
  type DistributedServiceName,
  distributedServices,
  freePort,
  ServiceProcess,
} from './service-processes';

export interface EngineAddresses {
  kafkaBrokers: string;
  /** Connection string of the suites' own user (it drops the run's databases); services get their own users. */
  mongoUrl: string;
  redisUrl: string;
  /**
   * The engines' principals (scripts/engines.sh writes them, VAXLEDGER_ENGINE_CREDENTIALS): each service
   * process connects to Kafka, Redis and the Mongo-wire server as its own user over TLS, and the run's Kafka
   * namespace gets the ACLs of libs/contracts topic-access.ts. Read from the environment when not given; null
   * runs the services without credentials (engines without authentication).
   */
  credentials?: EnginePrincipalCredentials | null;
}

export interface DistributedDeploymentOptions {
  repositoryRoot: string;
  /** The compiled tree holding apps/<service>/src/main.js; `<repositoryRoot>/dist` by default. */
  distDir?: string;
  engines: EngineAddresses;
  nginxBinary: string;
  /** Names this run's databases, Kafka client ids and temp dir; random by default. */
  runId?: string;
  /** Extra settings per service, e.g. identity's argon2 cost. */
  settings?: Partial<Record<DistributedServiceName, Record<string, string>>>;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `mongodb://host:port/?opts` with the database path replaced by `database`. */
export function mongoUrlFor(baseUrl: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(baseUrl.trim());
  if (!match) throw new Error('MONGO_URL must look like mongodb://host:port/');
  return `${match[1]}/${database}${match[2] ?? ''}`;
}

/** Compiles the apps to dist/ when the build is missing or older than the sources (scripts/ensure-built.mjs). */
export function buildDistributedApps(repositoryRoot: string): void {
  const built = spawnSync(process.execPath, ['scripts/ensure-built.mjs', 'dist/apps/cli/src/main.js'], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    timeout: 170_000,
  });
  if (built.status !== 0) {
    throw new Error(
      `the build failed (${built.status ?? built.signal ?? built.error?.message}):\n${built.stdout}\n${built.stderr}`,
    );
  }
}

export class DistributedDeployment {
  readonly api: GatewayClient;
  readonly outbox: OutboxFile;

  private constructor(
    readonly runId: string,
    readonly dir: string,
    readonly services: Record<DistributedServiceName, ServiceProcess>,
    readonly gateway: NginxGateway,
    private readonly options: DistributedDeploymentOptions,
    private readonly secrets: DeploymentSecrets,
    private readonly credentials: EnginePrincipalCredentials | null,
    private readonly aclBindings: KafkaAclBinding[],
  ) {
    this.api = new GatewayClient(gateway.url);
    this.outbox = new OutboxFile(outboxFileOf(dir));
  }

  static async start(options: DistributedDeploymentOptions): Promise<DistributedDeployment> {
    const runId = options.runId ?? randomBytes(4).toString('hex');
    const dir = mkdtempSync(join(tmpdir(), `vx-e2e-${runId}-`));
    const secrets = await generateDeploymentSecrets();
    const credentials = options.engines.credentials === undefined ? enginePrincipals() : options.engines.credentials;
    // The run's ACLs, from the one access map, before any service connects: nothing is allowed without them.
    const aclBindings = credentials
      ? kafkaAclBindings(topicAccess, {
          namespace: kafkaNamespaceOf(runId),
          principalOf: (role) => principalOf(credentials, role).username,
        })
      : [];
    if (credentials) await withKafkaAdmin(options.engines.kafkaBrokers, credentials, (admin) => applyKafkaAcls(admin, aclBindings));
    const ports = Object.fromEntries(
      await Promise.all(distributedServices.map(async (service) => [service, await freePort()] as const)),
    ) as Record<DistributedServiceName, number>;

    const services = Object.fromEntries(
      distributedServices.map((service) => {
        mkdirSync(join(dir, 'data', service), { recursive: true });
        const serviceProcess = new ServiceProcess({
          name: service,
          entry: join(distDirOf(options), 'apps', service, 'src', 'main.js'),
          port: ports[service],
          env: serviceEnvironment(service, { runId, dir, port: ports[service], secrets, options, credentials }),
          logFile: join(dir, `${service}.log`),
          cwd: options.repositoryRoot,
        });
        return [service, serviceProcess] as const;
      }),
    ) as Record<DistributedServiceName, ServiceProcess>;

    let gateway: NginxGateway | null = null;
    try {
      for (const service of distributedServices) services[service].start();
      await Promise.all(distributedServices.map((service) => services[service].waitUntilReady(90_000)));
      gateway = await NginxGateway.start({
        binary: options.nginxBinary,
        dir: join(dir, 'gateway'),
        port: await freePort(),
        upstreams: ports,
        routesFile: join(options.repositoryRoot, 'deploy', 'gateway', 'routes.conf'),
      });
    } catch (error) {
      await Promise.all(distributedServices.map((service) => services[service].stop(5_000)));
      throw error;
    }
    return new DistributedDeployment(runId, dir, services, gateway, options, secrets, credentials, aclBindings);
  }

  /** The key identity signs access tokens with (load drivers mint their own staff tokens with it). */
  tokenSigningKey(): KeyObject {
    return createPrivateKey(this.secrets.jwtPrivateKey);
  }

  /** The deployment's lookup key (reporting pseudonyms are keyed hashes under it). */
  lookupKey(): Buffer {
    return Buffer.from(this.secrets.lookupKey, 'base64');
  }

  databaseName(service: DistributedServiceName): string {
    return databaseNameOf(this.runId, service);
  }

  /** Starts a stopped (or killed) service again with the same environment and waits until it is ready. */
  async restart(service: DistributedServiceName, readyWithinMs = 90_000): Promise<void> {
    this.services[service].start();
    await this.services[service].waitUntilReady(readyWithinMs);
  }

  /**
   * The operator console against identity's own event store: the CLI gets identity's environment and, since it
   * opens the SQLite store of a data directory, that directory (identity's EVENT_STORE_SQLITE_PATH lies in it).
   */
  async runCli(args: string[]): Promise<CliRun> {
    const env = serviceEnvironment('identity', {
      runId: this.runId,
      dir: this.dir,
      port: this.services.identity.port,
      secrets: this.secrets,
      options: this.options,
      credentials: this.credentials,
    });
    const child = spawn(
      process.execPath,
      [
        join(distDirOf(this.options), 'apps', 'cli', 'src', 'main.js'),
        ...args,
      ],
      { cwd: this.options.repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) =>
      child.once('close', (exitCode) => resolve(exitCode)),
    );
    return { code, stdout, stderr };
  }

  /**
   * Publishes to a topic of this run with exactly the Kafka credentials `service`'s process has (its own SCRAM
   * user over TLS): what a compromised or buggy service could do on the wire. Rejects when the ACLs refuse it.
   */
  async publishAs(service: DistributedServiceName, topic: string, messages: CloudEvent[]): Promise<void> {
    const bus = new KafkaEventBus({
      brokers: this.options.engines.kafkaBrokers.split(','),
      clientId: `vx-e2e-${this.runId}-${service}-publish`,
      namespace: kafkaNamespaceOf(this.runId),
      security: this.credentials ? kafkaSecurityOf(this.credentials, service) : undefined,
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    try {
      await bus.publish(topic, messages);
    } finally {
      await bus.close();
    }
  }

  /** The last lines of every process's log, for a failure message. */
  diagnostics(lines = 25): string {
    const parts = distributedServices.map(
      (service) =>
        `--- ${service} (${this.services[service].isRunning ? 'running' : 'stopped'})\n${this.services[service].logTail(lines)}`,
    );
    return [...parts, `--- gateway\n${this.gateway.logs().split('\n').slice(-lines).join('\n')}`].join('\n');
  }

  /** SIGTERM to every service (each must stop cleanly), nginx down, this run's databases dropped, files removed. */
  async close(
    options: { keepFiles?: boolean } = {},
  ): Promise<Record<DistributedServiceName, { code: number | null; forced: boolean }>> {
    await this.gateway.stop();
    const stopped = await Promise.all(
      distributedServices.map(async (service) => [service, await this.services[service].stop()] as const),
    );
    await dropDatabases(
      this.options.engines.mongoUrl,
      distributedServices.map((service) => this.databaseName(service)),
    );
    if (this.credentials) {
      await withKafkaAdmin(this.options.engines.kafkaBrokers, this.credentials, (admin) =>
        removeKafkaAcls(admin, this.aclBindings),
      );
    }
    if (!options.keepFiles) rmSync(this.dir, { recursive: true, force: true });
    return Object.fromEntries(
      stopped.map(([service, exit]) => [service, { code: exit.code, forced: exit.forced }]),
    ) as Record<DistributedServiceName, { code: number | null; forced: boolean }>;
  }
}

function distDirOf(options: DistributedDeploymentOptions): string {
  return options.distDir ?? join(options.repositoryRoot, 'dist');
}

function databaseNameOf(runId: string, service: DistributedServiceName): string {
  return `vx_e2e_${runId}_${service}`;
}

function outboxFileOf(dir: string): string {
  return join(dir, 'outbox', 'messages.jsonl');
}

interface EnvironmentInputs {
  runId: string;
  dir: string;
  port: number;
  secrets: DeploymentSecrets;
  options: DistributedDeploymentOptions;
  credentials: EnginePrincipalCredentials | null;
}

function principalOf(credentials: EnginePrincipalCredentials, role: string): { username: string; password: string } {
  const principal = credentials.principals[role];
  if (!principal) throw new Error(`the engine credentials have no principal "${role}"`);
  return principal;
}

function kafkaSecurityOf(credentials: EnginePrincipalCredentials, role: string): KafkaSecurity {
  return {
    tls: { ca: readFileSync(credentials.caFile, 'utf8') },
    sasl: { mechanism: 'scram-sha-512', ...principalOf(credentials, role) },
  };
}

async function withKafkaAdmin(
  brokers: string,
  credentials: EnginePrincipalCredentials,
  work: (admin: ReturnType<Kafka['admin']>) => Promise<void>,
): Promise<void> {
  const admin = new Kafka({
    clientId: 'vx-e2e-acl-bootstrap',
    brokers: brokers.split(','),
    ...kafkaJsSecurity(kafkaSecurityOf(credentials, 'admin')),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * The service's own user on each engine, as an operator would set them from the deployment's secrets; the
 * suites' user in the given Mongo URL is taken out so no service runs as it.
 */
function engineCredentialsEnvironment(
  service: DistributedServiceName,
  credentials: EnginePrincipalCredentials | null,
): Record<string, string> {
  if (!credentials) return {};
  const own = principalOf(credentials, service);
  return {
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: own.username,
    KAFKA_SASL_PASSWORD: own.password,
    KAFKA_TLS: 'true',
    KAFKA_TLS_CA_FILE: credentials.caFile,
    REDIS_USERNAME: own.username,
    REDIS_PASSWORD: own.password,
    REDIS_TLS_CA_FILE: credentials.caFile,
    MONGO_USERNAME: own.username,
    MONGO_PASSWORD: own.password,
    MONGO_AUTH_SOURCE: 'admin',
    MONGO_TLS: 'true',
    MONGO_TLS_CA_FILE: credentials.caFile,
  };
}

/** `mongodb://user:pass@host/db?authSource=…&tls…` → `mongodb://host/db` (the service adds its own user and TLS). */
function withoutUser(url: string, credentials: EnginePrincipalCredentials | null): string {
  if (!credentials) return url;
  const [base, query = ''] = url.replace(/^(mongodb(?:\+srv)?:\/\/)[^@/]*@/, '$1').split('?');
  const params = new URLSearchParams(query);
  for (const name of ['authSource', 'authMechanism', 'tls', 'tlsCAFile', 'minPoolSize']) params.delete(name);
  return params.size ? `${base}?${params}` : base;
}

/**
 * Everything a service process gets, built from nothing but the essentials of the test's own environment, so an
 * EVENTSTORE_URL or SMTP_URL set for other suites cannot leak into this deployment.
 */
function serviceEnvironment(
  service: DistributedServiceName,
  inputs: EnvironmentInputs,
): Record<string, string> {
  const { runId, dir, port, secrets, options, credentials } = inputs;
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'].flatMap((name) =>
      process.env[name] ? [[name, process.env[name]!]] : [],
    ),
  );
  return {
    ...inherited,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    EVENT_STORE: 'sqlite',
    EVENT_STORE_SQLITE_PATH: join(dir, 'data', service, 'events.db'),
    KAFKA_BROKERS: options.engines.kafkaBrokers,
    KAFKA_CLIENT_ID: `vx-e2e-${runId}-${service}`,
    // Topics and groups of this run only: other suites and earlier runs on the shared broker stay out.
    KAFKA_NAMESPACE: kafkaNamespaceOf(runId),
    MONGO_URL: mongoUrlFor(withoutUser(options.engines.mongoUrl, credentials), databaseNameOf(runId, service)),
    REDIS_URL: options.engines.redisUrl,
    ...engineCredentialsEnvironment(service, credentials),
    // The gateway reaches the services over loopback: only its X-Forwarded-For is believed.
    TRUSTED_PROXIES: '127.0.0.1',
    JWT_PUBLIC_KEY: secrets.jwtPublicKey,
    VAXLEDGER_LOOKUP_KEY: secrets.lookupKey,
    ...(service === 'identity'
      ? { JWT_PRIVATE_KEY: secrets.jwtPrivateKey, OUTBOX_FILE: outboxFileOf(dir) }
      : {}),
    // immunization serves the certificates: it signs them, and sends citizens their look-up codes (the same outbox).
    ...(service === 'immunization'
      ? { DCC_SIGNING_KEY: secrets.dccSigningKey, DCC_SIGNING_CERTIFICATE: secrets.dccSigningCertificate, OUTBOX_FILE: outboxFileOf(dir) }
      : {}),
    ...(service === 'audit'
      ? {
          AUDIT_SIGNING_KEY: secrets.auditSigningKey,
          AUDIT_ANCHOR_DIR: join(dir, 'anchors', 'audit'),
          // verify reconciles the trail with every service's own event log (read here from their SQLite files)
          AUDIT_SOURCE_EVENT_STORES: (['identity', 'registry', 'immunization'] as const)
            .map((source) => `${source}=sqlite:${join(dir, 'data', source, 'events.db')}`)
            .join(','),
        }
      : {}),
    ...(options.settings?.[service] ?? {}),
  };
}

async function dropDatabases(baseUrl: string, databases: string[]): Promise<void> {
  const connection = await mongoose
    .createConnection(mongoUrlFor(baseUrl, databases[0]), { autoCreate: false, autoIndex: false })
    .asPromise();
  try {
    for (const database of databases) await connection.useDb(database).dropDatabase();
  } finally {
    await connection.close();
  }
}

/** The Kafka namespace of one run (`KAFKA_NAMESPACE`): every topic and group on the broker starts with it. */
export function kafkaNamespaceOf(runId: string): string {
  return `vx-e2e-${runId}`;
}
