import type { ConcurrencyError } from '../errors';
import type { NewEvent, RecordedEvent } from '../events';

/**
 * Expected revision for optimistic concurrency:
 * - `'no_stream'`: the stream must not exist yet;
 * - `'any'`: no check;
 * - a number: the 0-based revision of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event now in the stream; pass it as the next expected revision. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: number;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: return events strictly after this global position. `null`/absent means from the start. */
  after?: number | null;
  maxCount?: number;
}

export interface AllSubscriptionOptions {
  /** Checkpoint: the last position already processed (exclusive). `null` means from the start. */
  after: number | null;
  /**
   * Called in order, one event at a time; the next event is not delivered until the promise settles. Give
   * either this or `onEvents`.
   */
  onEvent?: (event: RecordedEvent) => Promise<void>;
  /**
   * Called in order with a page of consecutive events (never empty); the next page is not delivered until the
   * promise settles. For consumers that write a page in one transaction (the relay, projections with
   * `applyBatch`). Adapters decide the page size; a page may hold a single event.
   */
  onEvents?: (events: RecordedEvent[]) => Promise<void>;
  /** Called once the subscription has delivered everything that existed when it started. */
  onCaughtUp?: () => void;
  onError?: (error: unknown) => void;
}

export interface Subscription {
  stop(): Promise<void>;
}

/** One stream's share of a bulk append. */
export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
}

/** Per-stream outcome of a bulk append: a conflict refuses that stream only, never the others. */
export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: ConcurrencyError };

/** The event store port. Adapters: SqliteEventStore (standalone), EventStoreDbEventStore (distributed). */
export interface EventStore {
  /**
   * Appends atomically. Throws `ConcurrencyError` when the expected revision does not hold. Appending again
   * events whose ids are already stored at that place in the stream is a no-op that reports success.
   * Resolves only once the events are durable.
   */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Optional fast path for importers: many streams committed together in one durable write, each checked
   * against its own expected revision. Adapters without it leave it undefined; callers fall back to `append`.
   */
  appendMany?(requests: AppendRequest[]): Promise<AppendOutcome[]>;
  /** Events of one stream in order; empty when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of every stream in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription to all streams: replays from the checkpoint, then goes live without gaps or repeats. */
  subscribeToAll(options: AllSubscriptionOptions): Subscription;
  /** Global position of the newest event, or null when the store is empty. */
  headPosition(): Promise<number | null>;
  close(): Promise<void>;
}

/**
 * Hands one page to a subscriber, whichever of `onEvents`/`onEvent` it gave, and returns the position of the last
 * event delivered (null when stopped before the first). Per-event delivery checks `isStopped` between events.
 * Adapters call this so every one of them honours both forms the same way.
 */
export async function deliverPage(
  options: AllSubscriptionOptions,
  page: RecordedEvent[],
  isStopped: () => boolean,
): Promise<number | null> {
  if (page.length === 0 || isStopped()) return null;
  if (options.onEvents) {
    await options.onEvents(page);
    return page[page.length - 1].position;
  }
  if (!options.onEvent) throw new TypeError('a subscription needs onEvent or onEvents');
  let last: number | null = null;
  for (const event of page) {
    if (isStopped()) break;
    await options.onEvent(event);
    last = event.position;
  }
  return last;
}
