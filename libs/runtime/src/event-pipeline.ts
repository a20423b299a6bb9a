import {
  type BusSubscription,
  type CloudEvent,
  type DeliveredMessage,
  type DeliveryContext,
  EventRelay,
  type IntegrationMapper,
  type Projection,
  ProjectionRunner,
  type SubscribeOptions,
  type UpcasterRegistry,
} from '@vaxledger/kernel';
import type { TopicName } from '@vaxledger/contracts';
import { ProcessedMessageGuard } from '@vaxledger/event-bus';
import { runsBackgroundWork, type ServiceInfrastructure } from './service-infrastructure';

export interface BusConsumer {
  /** Consumer group; with the service name it must be unique per consuming purpose. */
  groupId: string;
  topics: TopicName[];
  /**
   * Must be idempotent: messages arrive at least once. Deduped by CloudEvent id before this is called.
   * `context` says which topic/partition/offset the message came from (consumers of several topics need it).
   */
  handle(message: CloudEvent, context: DeliveryContext): Promise<void>;
  /**
   * Optional: several messages at once (deduped like `handle`). Without it a batch is handled by calling
   * `handle` concurrently for different aggregates and in order within one, which lets the stores' group commit
   * write the whole batch in a few transactions.
   */
  handleBatch?(batch: DeliveredMessage[]): Promise<void>;
  /**
   * True when the consumer's own storage already refuses a second copy of a message id (the audit trail does):
   * the pipeline then skips the processed-message marks, which would only repeat that check.
   */
  dedupesByMessageId?: boolean;
}

/**
 * Runs `handle` for every message: concurrently across partition keys (aggregates), strictly in order within
 * one. Waits for all before reporting the first failure, so a batch that falls back to one-by-one delivery
 * never races its own leftovers.
 */
export async function handleConcurrentlyByKey(
  batch: DeliveredMessage[],
  handle: (delivered: DeliveredMessage) => Promise<void>,
): Promise<void> {
  const byKey = new Map<string, DeliveredMessage[]>();
  for (const delivered of batch) {
    const queue = byKey.get(delivered.message.partitionkey);
    if (queue) queue.push(delivered);
    else byKey.set(delivered.message.partitionkey, [delivered]);
  }
  const outcomes = await Promise.allSettled(
    [...byKey.values()].map(async (queue) => {
      for (const delivered of queue) await handle(delivered);
    }),
  );
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

export interface EventPipelineDefinition {
  projections: Projection[];
  /** Maps stored events to public integration events; absent when the service publishes nothing. */
  integration?: IntegrationMapper;
  consumers?: BusConsumer[];
  upcasters?: UpcasterRegistry;
}

/**
 * The background half of a service: projections from its own event log, the relay to the bus, and the
 * consumers of other services' topics. Started after the HTTP module is wired, stopped on shutdown after
 * in-flight requests drained. `ready` turns true once projections caught up.
 */
export class EventPipeline {
  private runner: ProjectionRunner | null = null;
  private relay: EventRelay | null = null;
  private subscriptions: BusSubscription[] = [];
  ready = false;
  private stopping = false;

  constructor(
    private readonly infra: ServiceInfrastructure,
    private readonly definition: EventPipelineDefinition,
  ) {
    const background = infra.background;
    infra.readiness.add({
      name: `${infra.service}-projections`,
      check: async () => {
        const ready = background?.runsHere === false ? background.caughtUp() : this.ready;
        if (!ready) throw new Error('catching up');
      },
    });
  }

  /** False in a process that leaves its pipeline to another (standalone's HTTP process): start/stop do nothing. */
  private get runsHere(): boolean {
    return runsBackgroundWork(this.infra);
  }

  private setReady(ready: boolean): void {
    this.ready = ready;
    const background = this.infra.background;
    if (background?.runsHere !== true) return;
    // A service without projections has no read model to wait for: everything it wrote is as visible as it gets.
    const pipeline = this.infra.service;
    if (ready && this.definition.projections.length === 0) background.onProjected?.(Number.MAX_SAFE_INTEGER, pipeline);
    background.onReady?.(ready, pipeline);
  }

  /**
   * Subscribes the consumers. Called for every service before any relay starts, so in standalone mode no
   * service publishes before the others listen (the in-process bus keeps nothing across restarts).
   */
  async subscribeConsumers(): Promise<void> {
    if (!this.runsHere) return;
    const { infra, definition } = this;
    for (const consumer of definition.consumers ?? []) {
      const groupId = `${infra.service}.${consumer.groupId}`;
      const guard = new ProcessedMessageGuard(infra.kv, { groupId });
      const handle: SubscribeOptions['handler'] = (message, context) => consumer.handle(message, context);
      const handleBatch: NonNullable<SubscribeOptions['batchHandler']> = (batch) =>
        consumer.handleBatch
          ? consumer.handleBatch(batch)
          : handleConcurrentlyByKey(batch, ({ message, context }) => consumer.handle(message, context));
      const subscription = await infra.bus.subscribe({
        groupId,
        topics: consumer.topics,
        handler: consumer.dedupesByMessageId ? handle : guard.wrap(handle),
        batchHandler: consumer.dedupesByMessageId ? handleBatch : guard.wrapBatch(handleBatch),
      });
      this.subscriptions.push(subscription);
    }
  }

  /**
   * Starts the pipeline, waiting at most `waitMs` for the catch-up: a long backlog (after a bulk import or a
   * long outage) must not keep the process from listening for hours. Until it has caught up, `/health/ready`
   * answers 503, so load balancers keep traffic away while the service already answers probes.
   */
  get startupWaitMs(): number {
    const configured = Number(this.infra.settings.STARTUP_CATCH_UP_WAIT_MS);
    return Number.isFinite(configured) && configured >= 0 ? configured : 10_000;
  }

  async startWithin(waitMs: number): Promise<void> {
    if (!this.runsHere) return;
    const started = this.start();
    started.catch((error) => this.infra.logger.error({ err: error }, 'event pipeline failed to start'));
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'waited'>((resolve) => {
      timer = setTimeout(() => resolve('waited'), waitMs);
      timer.unref();
    });
    const outcome = await Promise.race([started.then(() => 'started' as const), waited]);
    clearTimeout(timer);
    if (outcome === 'waited') {
      this.infra.logger.warn({ waitMs }, 'still catching up with the event log; listening meanwhile, not ready until done');
    }
  }

  /** Catches the projections up with the log, then starts the relay; the service is ready after this. */
  async start(): Promise<void> {
    if (!this.runsHere) return;
    const { infra, definition } = this;
    this.stopping = false;
    const background = infra.background?.runsHere === true ? infra.background : undefined;
    this.runner = new ProjectionRunner(infra.eventStore, infra.readModels, definition.projections, {
      upcasters: definition.upcasters,
      onError: (projection, event, error) => {
        infra.metrics.projectionErrors.inc({ projection });
        infra.logger.error({ projection, eventId: event.metadata.eventId, type: event.type, err: error }, 'projection failed');
      },
      onPageApplied: background?.onProjected && ((position) => background.onProjected?.(position, infra.service)),
    });
    await this.runner.start();
    if (this.stopping) return;
    if (definition.integration) {
      this.relay = new EventRelay(infra.eventStore, infra.bus, infra.readModels, definition.integration, {
        name: infra.service,
        upcasters: definition.upcasters,
        onPublished: (n) => infra.metrics.messagesPublished.inc({ service: infra.service }, n),
      });
      await this.relay.start();
    }
    if (this.stopping) return;
    this.setReady(true);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.ready) this.setReady(false);
    for (const s of this.subscriptions) await s.stop();
    this.subscriptions = [];
    await this.relay?.stop();
    await this.runner?.stop();
  }
}
