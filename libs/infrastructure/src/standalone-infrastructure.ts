import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { OutboxFileDelivery } from '@vaxledger/delivery';
import { InProcessEventBus } from '@vaxledger/event-bus';
import { SqliteEventStore } from '@vaxledger/event-store';
import { type EventStore, systemClock } from '@vaxledger/kernel';
import { SqliteStore } from '@vaxledger/kv-store';
import { SqliteReadModelStore, type SqliteReadModelStoreOptions } from '@vaxledger/read-models';
import {
  purposeKeysFor,
  type Logger,
  type Metrics,
  type ReadinessRegistry,
  type ServiceInfrastructure,
  type ServiceName,
} from '@vaxledger/runtime';
import {
  PipelineForwardingBus,
  type PipelineProcessHost,
  type PipelineProcessLink,
  ReadYourWritesEventStore,
} from './pipeline-process';
import { ed25519FromEnvOrFile, publicKeysFromPemList, secretFromEnvOrFile } from './secrets';

/**
 * Where the background pipeline of the four services runs:
 * - `inline` (default): in this process, on the same event loop as HTTP (tests, the CLI).
 * - `http`: this process answers HTTP and leaves the pipeline to the pipeline process behind `host`.
 * - `pipeline`: this is that pipeline process; `link` is its channel to the HTTP process.
 */
export type PipelinePlacement =
  | { role: 'inline' }
  | { role: 'http'; host: PipelineProcessHost }
  | { role: 'pipeline'; link: PipelineProcessLink };

export interface StandaloneOptions {
  dataDir: string;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessRegistry;
  env: Record<string, string | undefined>;
  pipeline?: PipelinePlacement;
  /** Settings of every read-model store (the rebuild CLI passes its memory options here). */
  readModelOptions?: SqliteReadModelStoreOptions;
}

export interface StandaloneInfrastructure {
  services: Record<ServiceName, ServiceInfrastructure>;
  close(): Promise<void>;
}

/**
 * All four services in one process: each keeps its own SQLite event store and read-model file under
 * `<data dir>/<service>/` (the same ownership as distributed mode), they share one in-process bus, and
 * delivered messages go to `<data dir>/outbox/messages.jsonl`.
 */
export function createStandaloneInfrastructure(options: StandaloneOptions): StandaloneInfrastructure {
  const { dataDir, env } = options;
  const placement = options.pipeline ?? { role: 'inline' };
  const keysDir = join(dataDir, 'keys');
  const tokenPrivateKey = ed25519FromEnvOrFile(env.JWT_PRIVATE_KEY, join(keysDir, 'token-signing.pem'));
  const tokenPublicKey = createPublicKey(tokenPrivateKey);
  const previousTokenPublicKeys = publicKeysFromPemList(env.JWT_PREVIOUS_PUBLIC_KEYS);
  const lookupKey = secretFromEnvOrFile(env.VAXLEDGER_LOOKUP_KEY, join(keysDir, 'lookup.key'));
  // AUDIT_SIGNING_KEY_FILE moves the audit key out of the data directory (docs/audit.md, "Keys").
  const auditSigningKey = ed25519FromEnvOrFile(
    env.AUDIT_SIGNING_KEY,
    env.AUDIT_SIGNING_KEY_FILE || join(keysDir, 'audit-signing.pem'),
  );
  const inProcessBus =
    placement.role === 'http'
      ? null
      : new InProcessEventBus({ awaitDelivery: true, logger: options.logger.child({ component: 'bus' }) });
  const bus = inProcessBus ?? new PipelineForwardingBus((placement as { host: PipelineProcessHost }).host);
  if (placement.role === 'pipeline' && inProcessBus) {
    placement.link.handlePublishes((topic, messages) => inProcessBus.publish(topic, messages));
  }
  const delivery = new OutboxFileDelivery(join(dataDir, 'outbox', 'messages.jsonl'));
  const closers: Array<() => Promise<void>> = [];

  const make = (service: ServiceName): ServiceInfrastructure => {
    const file = join(dataDir, service, 'events.db');
    let eventStore: EventStore;
    let background: ServiceInfrastructure['background'];
    if (placement.role === 'http') {
      const { host } = placement;
      // Every durable commit here wakes the pipeline's subscriptions of this log at once.
      const store = new SqliteEventStore(file, { onCommit: () => host.committed(service) });
      eventStore = new ReadYourWritesEventStore(store, service, host);
      background = { runsHere: false, caughtUp: () => host.caughtUp(service) };
    } else if (placement.role === 'pipeline') {
      const { link } = placement;
      const store = new SqliteEventStore(file, { sharedWithOtherWriters: true });
      link.onCommitted(service, () => store.noticeCommitElsewhere());
      eventStore = store;
      background = {
        runsHere: true,
        onProjected: (position, pipeline) => link.projected(service, pipeline, position),
        onReady: (ready, pipeline) => link.ready(service, pipeline, ready),
      };
    } else {
      eventStore = new SqliteEventStore(file);
    }
    const readModels = new SqliteReadModelStore(join(dataDir, service, 'read-models.db'), options.readModelOptions);
    // Counters, challenges, sessions and used tokens survive a restart (see SqliteStore).
    const kv = new SqliteStore(join(dataDir, service, 'kv.db'));
    closers.push(
      () => eventStore.close(),
      () => readModels.close(),
      () => kv.close(),
    );
    options.readiness.add(
      { name: `${service}-event-store`, check: async () => void (await eventStore.headPosition()) },
      { name: `${service}-read-models`, check: () => readModels.ping() },
    );
    return {
      service,
      eventStore,
      readModels,
      kv,
      bus,
      delivery,
      clock: systemClock,
      logger: options.logger.child({ service }),
      metrics: options.metrics,
      readiness: options.readiness,
      keys: {
        tokenPublicKey,
        previousTokenPublicKeys,
        tokenPrivateKey: service === 'identity' ? tokenPrivateKey : undefined,
        lookupKey: service === 'identity' ? lookupKey : Buffer.alloc(0),
        purposeKeys: purposeKeysFor(service, lookupKey),
        auditSigningKey: service === 'audit' ? auditSigningKey : undefined,
      },
      dataDir,
      settings: env,
      background,
    };
  };

  const services = {
    identity: make('identity'),
    registry: make('registry'),
    immunization: make('immunization'),
    audit: make('audit'),
  };
  return {
    services,
    async close() {
      if (placement.role === 'http') await placement.host.close();
      await bus.close();
      for (const close of closers) await close();
    },
  };
}
