import type { RecordedEvent } from './events';
import type { EventStore, Subscription } from './ports/event-store';
import type { ReadModelStore } from './ports/read-model-store';
import { noUpcasters, type UpcasterRegistry } from './upcasters';

/**
 * A projection turns events into read-model documents. `apply` must be idempotent for a given position
 * (read-model writes carry the position and older ones are ignored) and must not throw for events it does
 * not know: projections never throw on unknown input.
 */
export interface Projection {
  readonly name: string;
  /** Event types this projection reads; others are skipped without being handed to it. */
  readonly handles: ReadonlySet<string>;
  apply(event: RecordedEvent): Promise<void>;
  /** Removes everything this projection wrote (before a rebuild). */
  reset(): Promise<void>;
  /** Optional batching for rebuild speed: apply many events in one storage round trip. */
  applyBatch?(events: RecordedEvent[]): Promise<void>;
}

export interface ProjectionProgress {
  projection: string;
  position: number;
  head: number | null;
  applied: number;
}

export interface ProjectionRunnerOptions {
  upcasters?: UpcasterRegistry;
  /** Save the checkpoint at most every N events while catching up (always after the last one). Default 1000. */
  checkpointEvery?: number;
  /** Once live, how long a new checkpoint may wait before it is written (default 250 ms). */
  liveCheckpointDelayMs?: number;
  onError?: (projection: string, event: RecordedEvent, error: unknown) => void;
  /**
   * Called after every projection took a page: each read model now reflects the log through `position`. The
   * standalone pipeline process reports it to the HTTP process, which answers a write once its own read
   * models show it (read-your-writes).
   */
  onPageApplied?: (position: number) => void;
}

/**
 * Runs projections from the event log: catch-up from the stored checkpoint, then live. Checkpoints are the
 * global position of the last applied event; a restart resumes after it and repeated events are harmless.
 */
export class ProjectionRunner {
  private subscriptions: Subscription[] = [];
  private readonly upcasters: UpcasterRegistry;
  private flushers: Array<() => Promise<void>> = [];

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.upcasters = options.upcasters ?? noUpcasters;
  }

  /**
   * Starts every projection; resolves once all have caught up with the log as it was at start. One
   * subscription reads the log for all of them, from the oldest checkpoint: each page is read and parsed once,
   * and a projection skips what it already applied.
   */
  async start(): Promise<void> {
    if (this.projections.length === 0) return;
    const every = this.options.checkpointEvery ?? 1000;
    const liveDelayMs = this.options.liveCheckpointDelayMs ?? 250;
    const states = await Promise.all(
      this.projections.map(async (projection) => ({
        projection,
        applied: await this.readModels.getCheckpoint(projection.name),
        pendingSave: null as number | null,
        sinceSave: 0,
      })),
    );
    let caughtUp = false;
    let timer: NodeJS.Timeout | null = null;
    const save = async () => {
      if (timer) clearTimeout(timer);
      timer = null;
      for (const state of states) {
        const position = state.pendingSave;
        state.pendingSave = null;
        state.sinceSave = 0;
        if (position !== null) await this.readModels.saveCheckpoint(state.projection.name, position);
      }
    };
    // On stop, whatever was applied but not yet checkpointed is saved, so a clean restart replays nothing.
    this.flushers.push(save);
    const oldest = states.some((state) => state.applied === null)
      ? null
      : Math.min(...states.map((state) => state.applied as number));
    await new Promise<void>((resolve) => {
      const subscription = this.store.subscribeToAll({
        after: oldest,
        onEvents: async (page) => {
          const last = page[page.length - 1].position;
          let due = false;
          for (const state of states) {
            if (state.applied !== null && last <= state.applied) continue;
            const { projection, applied } = state;
            const relevant = page
              .filter((raw) => (applied === null || raw.position > applied) && projection.handles.has(raw.type))
              .map((raw) => this.upcasters.upcast(raw));
            if (relevant.length > 0) await this.applyPage(projection, relevant);
            state.applied = last;
            state.pendingSave = last;
            state.sinceSave += page.length;
            if (state.sinceSave >= every) due = true;
          }
          this.options.onPageApplied?.(last);
          if (due) {
            await save();
          } else if (caughtUp && timer === null) {
            // Live: checkpoints trail by at most a moment instead of costing a write per page. Replaying
            // that moment after a crash is harmless: documents carry the position that wrote them.
            timer = setTimeout(() => void save().catch(() => undefined), liveDelayMs);
            timer.unref();
          }
        },
        onCaughtUp: () => {
          caughtUp = true;
          save().finally(resolve);
        },
      });
      this.subscriptions.push(subscription);
    });
  }

  /**
   * One storage round trip per page when the projection batches. If the batch fails, each event is applied on
   * its own, so one bad event is reported alone and the others of its page still land.
   */
  private async applyPage(projection: Projection, events: RecordedEvent[]): Promise<void> {
    if (projection.applyBatch && events.length > 1) {
      try {
        await projection.applyBatch(events);
        return;
      } catch {
        // Fall through to one event at a time, which names the event that fails.
      }
    }
    for (const event of events) {
      try {
        await projection.apply(event);
      } catch (error) {
        // A projection bug must not stall every other read model; it is reported and counted.
        this.options.onError?.(projection.name, event, error);
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.stop()));
    this.subscriptions = [];
    for (const flush of this.flushers) await flush().catch(() => undefined);
    this.flushers = [];
  }

  /**
   * Drops a projection's documents and checkpoint and re-applies the whole log, in batches when the
   * projection supports it. Used by `projections rebuild`; run it with the live runner stopped.
   */
  static async rebuild(
    store: EventStore,
    readModels: ReadModelStore,
    projection: Projection,
    options: { batchSize?: number; upcasters?: UpcasterRegistry; onProgress?: (p: ProjectionProgress) => void } = {},
  ): Promise<ProjectionProgress> {
    const upcasters = options.upcasters ?? noUpcasters;
    const batchSize = options.batchSize ?? 5000;
    await projection.reset();
    await readModels.resetCheckpoint(projection.name);
    const head = await store.headPosition();
    let after: number | null = null;
    let applied = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: batchSize });
      if (page.length === 0) break;
      const relevant = page.filter((e) => projection.handles.has(e.type)).map((e) => upcasters.upcast(e));
      if (projection.applyBatch) await projection.applyBatch(relevant);
      else for (const event of relevant) await projection.apply(event);
      applied += relevant.length;
      after = page[page.length - 1].position;
      await readModels.saveCheckpoint(projection.name, after);
      options.onProgress?.({ projection: projection.name, position: after, head, applied });
      if (page.length < batchSize) break;
    }
    return { projection: projection.name, position: after ?? -1, head, applied };
  }
}
