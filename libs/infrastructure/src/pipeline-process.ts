/**
 * Standalone on both cores: the HTTP process leaves every service's background pipeline (projections, relay,
 * audit intake and trail appends, consumers, audit timers) to a second process, the pipeline process, which
 * opens its own SQLite connections to the same files. The two talk over Node's IPC channel:
 *
 * - HTTP → pipeline: "a commit to <service>'s log is on disk" (wakes its subscriptions at once instead of at the
 *   next poll) and publishes made by HTTP handlers (they go to the pipeline's in-process bus).
 * - pipeline → HTTP: how far each service's read models are (read-your-writes), readiness, publish receipts.
 *
 * Durability does not depend on the channel: every acknowledged write is on disk before it is acknowledged, the
 * pipeline reads the files themselves and keeps its checkpoints there, and a pipeline process that dies is
 * restarted and resumes from those checkpoints (consumers dedupe by event id).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type {
  AppendOutcome,
  AppendRequest,
  AppendResult,
  AllSubscriptionOptions,
  AnyTopics,
  BusSubscription,
  CloudEvent,
  EventBus,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
} from '@vaxledger/kernel';
import type { Logger, ServiceName } from '@vaxledger/runtime';

export type HostToPipeline =
  | { kind: 'committed'; service: ServiceName }
  | { kind: 'publish'; id: number; topic: string; messages: CloudEvent[] }
  | { kind: 'stop' };

export type PipelineToHost =
  | { kind: 'projected'; service: ServiceName; pipeline: string; position: number }
  | { kind: 'ready'; service: ServiceName; pipeline: string; ready: boolean }
  | { kind: 'published'; id: number; error?: string }
  | { kind: 'started' };

export interface PipelineProcessOptions {
  /** The pipeline process's entry module (`dist/apps/standalone/src/pipeline-main.js`, or its `.ts` in tests). */
  entry: string;
  /** Node options for it, e.g. a TypeScript require hook when `entry` is a source file. */
  execArgv?: string[];
  env: Record<string, string | undefined>;
  logger: Logger;
  /**
   * How long a write waits for its own service's read models to show it before it is acknowledged anyway
   * (`PIPELINE_VISIBILITY_WAIT_MS`, default 2000; 0 turns read-your-writes off). Only while that pipeline is
   * caught up: during a catch-up writes are answered at once.
   */
  visibilityWaitMs?: number;
  /** First restart delay after the pipeline process died; doubles up to 10 s while it keeps dying. */
  restartDelayMs?: number;
}

interface VisibilityWaiter {
  position: number;
  resolve: () => void;
  timer: NodeJS.Timeout;
}

interface PendingPublish {
  topic: string;
  messages: CloudEvent[];
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The HTTP process's side: starts, watches and restarts the pipeline process. */
export class PipelineProcessHost {
  private child: ChildProcess | null = null;
  private closing = false;
  private restartDelayMs: number;
  private restartTimer: NodeJS.Timeout | null = null;
  /**
   * Per service log, each pipeline that reads it (immunization's log feeds the certificates pipeline too): how
   * far its read models are and whether it has caught up. A write is visible once every one of them projected it.
   */
  private readonly pipelines = new Map<ServiceName, Map<string, { projected: number; ready: boolean }>>();
  private readonly waiters = new Map<ServiceName, Set<VisibilityWaiter>>();
  private readonly pendingCommits = new Set<ServiceName>();
  private commitFlushScheduled = false;
  private readonly publishes = new Map<number, PendingPublish>();
  private nextPublishId = 1;
  private exitListeners = new Set<(code: number | null, signal: NodeJS.Signals | null) => void>();
  private startedListeners = new Set<() => void>();
  /** How many pipeline processes were started (1 + restarts). */
  starts = 0;

  constructor(private readonly options: PipelineProcessOptions) {
    this.restartDelayMs = options.restartDelayMs ?? 500;
  }

  get visibilityWaitMs(): number {
    const configured = this.options.visibilityWaitMs ?? Number(this.options.env.PIPELINE_VISIBILITY_WAIT_MS ?? 2000);
    return Number.isFinite(configured) && configured >= 0 ? configured : 2000;
  }

  /** The pipeline process's pid (tests kill it). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    if (this.child || this.closing) return;
    const child = spawn(process.execPath, [...(this.options.execArgv ?? []), this.options.entry], {
      env: { ...this.options.env, VAXLEDGER_PIPELINE_ROLE: 'pipeline' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.starts++;
    this.child = child;
    child.on('message', (message: PipelineToHost) => this.receive(message));
    child.on('error', (error) => this.options.logger.error({ err: error }, 'pipeline process could not start'));
    child.on('exit', (code, signal) => this.exited(child, code, signal));
    // Publishes the previous process may not have handled are handed to this one (consumers dedupe by id).
    for (const [id, pending] of this.publishes) this.send({ kind: 'publish', id, topic: pending.topic, messages: pending.messages });
  }

  /** Whether the pipeline of `service` has caught up with its log (the HTTP process's readiness). */
  caughtUp(service: ServiceName): boolean {
    const pipelines = this.pipelines.get(service);
    return !!pipelines && pipelines.size > 0 && [...pipelines.values()].every((pipeline) => pipeline.ready);
  }

  /** How far every pipeline of `service`'s log has projected it (the slowest one), -1 before any reported. */
  private projectedThrough(service: ServiceName): number {
    const pipelines = [...(this.pipelines.get(service)?.values() ?? [])];
    return pipelines.length === 0 ? -1 : Math.min(...pipelines.map((pipeline) => pipeline.projected));
  }

  private pipeline(service: ServiceName, name: string): { projected: number; ready: boolean } {
    let pipelines = this.pipelines.get(service);
    if (!pipelines) this.pipelines.set(service, (pipelines = new Map()));
    let pipeline = pipelines.get(name);
    if (!pipeline) pipelines.set(name, (pipeline = { projected: -1, ready: false }));
    return pipeline;
  }

  /** A commit to `service`'s log is durable: tell the pipeline, coalesced per event-loop turn. */
  committed(service: ServiceName): void {
    this.pendingCommits.add(service);
    if (this.commitFlushScheduled) return;
    this.commitFlushScheduled = true;
    setImmediate(() => {
      this.commitFlushScheduled = false;
      for (const pending of this.pendingCommits) this.send({ kind: 'committed', service: pending });
      this.pendingCommits.clear();
    });
  }

  /**
   * Resolves once `service`'s read models reflect its log through `position`, or at once when its pipeline is
   * not caught up (or read-your-writes is off), or after the visibility wait.
   */
  visible(service: ServiceName, position: number): Promise<void> {
    const waitMs = this.visibilityWaitMs;
    if (waitMs === 0 || !this.caughtUp(service) || this.projectedThrough(service) >= position) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const waiters = this.waiters.get(service) ?? new Set<VisibilityWaiter>();
      this.waiters.set(service, waiters);
      const waiter: VisibilityWaiter = {
        position,
        resolve: () => {
          clearTimeout(waiter.timer);
          waiters.delete(waiter);
          resolve();
        },
        timer: setTimeout(() => waiter.resolve(), waitMs),
      };
      waiter.timer.unref();
      waiters.add(waiter);
    });
  }

  /** Hands a publish of the HTTP process to the pipeline's bus; resolves once its consumers handled it. */
  publish(topic: string, messages: CloudEvent[]): Promise<void> {
    const id = this.nextPublishId++;
    return new Promise<void>((resolve, reject) => {
      this.publishes.set(id, { topic, messages, resolve, reject });
      this.send({ kind: 'publish', id, topic, messages });
    });
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  onStarted(listener: () => void): () => void {
    this.startedListeners.add(listener);
    return () => this.startedListeners.delete(listener);
  }

  /** Asks the pipeline process to stop cleanly (checkpoints flushed), killing it after `deadlineMs`. */
  async close(deadlineMs = 20_000): Promise<void> {
    this.closing = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      this.send({ kind: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
      await exited;
      clearTimeout(timer);
    }
    for (const pending of this.publishes.values()) pending.reject(new Error('the pipeline process stopped'));
    this.publishes.clear();
    this.releaseAllWaiters();
  }

  private send(message: HostToPipeline): void {
    const child = this.child;
    if (!child || !child.connected) return;
    child.send(message, (error) => {
      // The process is going away; its exit handler restarts it and re-sends pending publishes.
      if (error) this.options.logger.debug({ err: error }, 'pipeline process did not take a message');
    });
  }

  /** One message of the pipeline process (public so the bookkeeping can be checked without a child process). */
  receive(message: PipelineToHost): void {
    switch (message.kind) {
      case 'projected': {
        this.pipeline(message.service, message.pipeline).projected = message.position;
        const through = this.projectedThrough(message.service);
        for (const waiter of [...(this.waiters.get(message.service) ?? [])]) {
          if (waiter.position <= through) waiter.resolve();
        }
        break;
      }
      case 'ready':
        this.pipeline(message.service, message.pipeline).ready = message.ready;
        // A pipeline that stops being caught up answers writes at once again: release what waits on it.
        if (!message.ready) for (const waiter of [...(this.waiters.get(message.service) ?? [])]) waiter.resolve();
        break;
      case 'published': {
        const pending = this.publishes.get(message.id);
        this.publishes.delete(message.id);
        if (message.error) pending?.reject(new Error(message.error));
        else pending?.resolve();
        break;
      }
      case 'started':
        this.restartDelayMs = this.options.restartDelayMs ?? 500;
        for (const listener of this.startedListeners) listener();
        break;
    }
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = null;
    this.pipelines.clear();
    this.releaseAllWaiters();
    for (const listener of this.exitListeners) listener(code, signal);
    if (this.closing) return;
    this.options.logger.error(
      { code, signal, restartInMs: this.restartDelayMs },
      'pipeline process stopped; restarting it (it resumes from its checkpoints)',
    );
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start();
    }, this.restartDelayMs);
    this.restartTimer.unref();
    this.restartDelayMs = Math.min(10_000, this.restartDelayMs * 2);
  }

  private releaseAllWaiters(): void {
    for (const waiters of this.waiters.values()) for (const waiter of [...waiters]) waiter.resolve();
  }
}

/** The pipeline process's side of the channel. */
export class PipelineProcessLink {
  private readonly committedListeners = new Map<ServiceName, Set<() => void>>();
  private publishHandler: ((topic: string, messages: CloudEvent[]) => Promise<void>) | null = null;
  private stopHandler: (() => void) | null = null;

  /** Listens on this process's IPC channel; the parent going away counts as a stop. */
  static fromProcess(): PipelineProcessLink {
    if (!process.send) throw new Error('the pipeline process must be started by the standalone HTTP process (no IPC channel)');
    const link = new PipelineProcessLink((message) => {
      if (process.connected) process.send!(message);
    });
    process.on('message', (message: HostToPipeline) => link.receive(message));
    process.on('disconnect', () => link.stopHandler?.());
    return link;
  }

  constructor(private readonly post: (message: PipelineToHost) => void) {}

  onCommitted(service: ServiceName, listener: () => void): void {
    const listeners = this.committedListeners.get(service) ?? new Set();
    listeners.add(listener);
    this.committedListeners.set(service, listeners);
  }

  handlePublishes(handler: (topic: string, messages: CloudEvent[]) => Promise<void>): void {
    this.publishHandler = handler;
  }

  onStop(handler: () => void): void {
    this.stopHandler = handler;
  }

  projected(service: ServiceName, pipeline: string, position: number): void {
    this.post({ kind: 'projected', service, pipeline, position });
  }

  ready(service: ServiceName, pipeline: string, ready: boolean): void {
    this.post({ kind: 'ready', service, pipeline, ready });
  }

  started(): void {
    this.post({ kind: 'started' });
  }

  receive(message: HostToPipeline): void {
    switch (message.kind) {
      case 'committed':
        for (const listener of this.committedListeners.get(message.service) ?? []) listener();
        break;
      case 'publish': {
        const handler = this.publishHandler;
        if (!handler) {
          this.post({ kind: 'published', id: message.id, error: 'the pipeline is not running yet' });
          break;
        }
        handler(message.topic, message.messages).then(
          () => this.post({ kind: 'published', id: message.id }),
          (error: unknown) =>
            this.post({ kind: 'published', id: message.id, error: error instanceof Error ? error.message : String(error) }),
        );
        break;
      }
      case 'stop':
        this.stopHandler?.();
        break;
    }
  }
}

/**
 * The HTTP process's event store of one service: appends are acknowledged once the pipeline process's read
 * models of that service show them (bounded by the visibility wait), so a client that recorded a dose finds it
 * in its dose history on the next request, as when the pipeline ran in the same process. Everything else is
 * the underlying store.
 */
export class ReadYourWritesEventStore implements EventStore {
  readonly appendMany?: (requests: AppendRequest[]) => Promise<AppendOutcome[]>;

  constructor(
    private readonly inner: EventStore,
    private readonly service: ServiceName,
    private readonly host: Pick<PipelineProcessHost, 'visible'>,
  ) {
    if (inner.appendMany) {
      const appendMany = inner.appendMany.bind(inner);
      this.appendMany = async (requests) => {
        const outcomes = await appendMany(requests);
        const last = Math.max(-1, ...outcomes.map((outcome) => (outcome.ok ? outcome.result.position : -1)));
        if (last >= 0) await this.host.visible(this.service, last);
        return outcomes;
      };
    }
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.inner.append(streamId, events, expected);
    if (events.length > 0 && result.position >= 0) await this.host.visible(this.service, result.position);
    return result;
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options: AllSubscriptionOptions): Subscription {
    return this.inner.subscribeToAll(options);
  }

  headPosition(): Promise<number | null> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * The HTTP process's bus: what its handlers publish (access denials, for instance) is handed to the pipeline
 * process's bus, where the consumers run. Subscribing here is a wiring mistake: consumers belong to the pipeline.
 */
export class PipelineForwardingBus implements EventBus<AnyTopics> {
  constructor(private readonly host: Pick<PipelineProcessHost, 'publish'>) {}

  publish(topic: string, messages: CloudEvent[]): Promise<void> {
    return this.host.publish(topic, messages);
  }

  async subscribe(): Promise<BusSubscription> {
    throw new Error('consumers run in the pipeline process; the HTTP process only publishes');
  }

  async close(): Promise<void> {}
}
