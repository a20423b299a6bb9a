import { EventRelay, type IntegrationMapper, type Projection, ProjectionRunner, type UpcasterRegistry } from '@vaxledger/kernel';
import { EventBusServer } from './event-bus.server';
import { runsBackgroundWork, type ServiceInfrastructure } from './service-infrastructure';

export interface EventPipelineDefinition {
  projections: Projection[];
  /** Maps stored events to public integration events; absent when the service publishes nothing. */
  integration?: IntegrationMapper;
  /** Objects whose `@EventPattern(topic, { group })` methods handle other services' topics (EventBusServer). */
  consumers?: object[];
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
  private server: EventBusServer | null = null;
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
    const consumers = definition.consumers ?? [];
    if (consumers.length === 0) return;
    const server = new EventBusServer({ service: infra.service, bus: infra.bus, kv: infra.kv });
    server.bindConsumers(consumers);
    this.server = server;
    await new Promise<void>((resolve, reject) => server.listen((error) => (error ? reject(error) : resolve())));
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
    await this.server?.close();
    this.server = null;
    await this.relay?.stop();
    await this.runner?.stop();
  }
}
