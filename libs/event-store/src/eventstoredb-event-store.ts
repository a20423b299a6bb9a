/** The distributed event store: EventStoreDB over gRPC (`@eventstore/db-client` v6, server 22.10 or newer). */
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  ConcurrencyError,
  type AllSubscriptionOptions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  deliverPage,
  type Subscription,
} from '@vaxledger/kernel';

/** Events read from `$all` per round trip; system events are dropped client-side, so pages may shrink. */
const allPageSize = 1024;

/**
 * Maps the port onto EventStoreDB. Positions are the commit positions of `$all`: since EventStoreDB 20 every
 * appended event is its own implicit transaction record, so commit position equals prepare position and is
 * unique and increasing per event, which is what the port's numeric `position` needs. System events (`$...`)
 * never leave this adapter. Event ids are the kernel's UUIDv7 ids, which is also what lets the server treat a
 * retried append as the no-op the port promises.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EventStoreDbAllSubscription>();

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toExpectedRevision(expected),
      });
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      // An append the server recognised as a retry reports no position: take the stored event's.
      const position =
        result.position !== undefined
          ? Number(result.position.commit)
          : await this.positionOf(streamId, nextExpectedRevision);
      return { nextExpectedRevision, position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new ConcurrencyError(
          streamId,
          String(expected),
          actual === NO_STREAM ? 'no_stream' : String(actual),
        );
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : START,
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      });
      for await (const resolved of read) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event, resolved.commitPosition));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    let after = options.after ?? null;
    while (events.length < maxCount) {
      // Reading from a position includes the event at that position; the port's `after` excludes it.
      const fromPosition: ReadPosition = after === null ? START : positionOf(after);
      let read = 0;
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition,
        maxCount: allPageSize,
      })) {
        read++;
        const event = resolved.event;
        if (!event) continue;
        const position = Number(event.position.commit);
        if (after !== null && position <= after) continue;
        after = position;
        if (!isSystemEvent(event) && events.length < maxCount)
          events.push(toRecordedEvent(event, event.position.commit));
      }
      if (read < allPageSize) break;
    }
    return events;
  }

  async headPosition(): Promise<number | null> {
    let fromPosition: ReadPosition = END;
    let before: number | null = null;
    for (;;) {
      let read = 0;
      let found: number | null = null;
      const page = this.client.readAll({ direction: BACKWARDS, fromPosition, maxCount: allPageSize });
      for await (const resolved of page as AsyncIterable<AllStreamResolvedEvent>) {
        read++;
        const event = resolved.event;
        if (!event) continue;
        const position = Number(event.position.commit);
        if (before !== null && position >= before) continue;
        before = position;
        fromPosition = event.position;
        if (found === null && !isSystemEvent(event)) found = position;
      }
      if (found !== null) return found;
      if (read < allPageSize) return null;
    }
  }

  subscribeToAll(options: AllSubscriptionOptions): Subscription {
    const subscription = new EventStoreDbAllSubscription(
      this.client,
      options,
      () => this.headPosition(),
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private async positionOf(streamId: string, revision: number): Promise<number> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return event?.position ?? -1;
  }
}

/**
 * Subscribes from the checkpoint with system events filtered out by the server. The loop pulls one event at a
 * time and awaits the handler before pulling the next, so the stream's buffer fills and gRPC flow control
 * holds the server back while a handler is slow.
 */
class EventStoreDbAllSubscription implements Subscription {
  private stopped = false;
  private subscription: AllStreamSubscription | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: AllSubscriptionOptions,
    private readonly headPosition: () => Promise<number | null>,
    private readonly onStopped: () => void,
  ) {}

  start(): void {
    this.running = this.run().finally(this.onStopped);
  }

  /** Resolves once the handler in progress (if any) has finished. Do not await it from inside `onEvent`. */
  async stop(): Promise<void> {
    if (this.stopped) return this.running;
    this.stopped = true;
    const subscription = this.subscription;
    if (subscription) {
      await subscription.unsubscribe();
      // Cancelling the call does not end the stream; destroying it ends the `for await` below.
      subscription.destroy();
    }
    await this.running;
  }

  private async run(): Promise<void> {
    const { after, onCaughtUp, onError } = this.options;
    let caughtUpReported = false;
    const reportCaughtUp = () => {
      if (caughtUpReported) return;
      caughtUpReported = true;
      onCaughtUp?.();
    };
    try {
      // Caught up means: everything that existed at start is delivered. The head read before subscribing is
      // exactly that mark; the server's own `caughtUp` signal (23.10+) covers a head that can no longer be read.
      const head = await this.headPosition();
      if (this.stopped) return;
      if (head === null || (after !== null && head <= after)) reportCaughtUp();

      const subscription = this.client.subscribeToAll({
        fromPosition: after === null ? START : positionOf(after),
        filter: excludeSystemEvents(),
      });
      this.subscription = subscription;
      let handling = false;
      let serverCaughtUp = false;
      subscription.on('caughtUp', () => {
        serverCaughtUp = true;
        if (!handling && subscription.readableLength === 0) reportCaughtUp();
      });

      for await (const resolved of subscription as AsyncIterable<{ event?: EsdbRecordedEvent }>) {
        if (this.stopped) break;
        const event = resolved.event;
        if (!event || isSystemEvent(event)) continue;
        const recorded = toRecordedEvent(event, event.position?.commit);
        // The server starts after the checkpoint; this guard keeps the port's "no repeats" even if it did not.
        if (after !== null && recorded.position <= after) continue;
        handling = true;
        await deliverPage(this.options, [recorded], () => this.stopped);
        handling = false;
        if (
          (head !== null && recorded.position >= head) ||
          (serverCaughtUp && subscription.readableLength === 0)
        ) {
          reportCaughtUp();
        }
      }
    } catch (error) {
      if (this.stopped) return;
      this.stopped = true;
      await this.subscription?.unsubscribe().catch(() => undefined);
      if (onError) onError(error);
      // Without an error handler a failing projection must not go silent.
      else
        queueMicrotask(() => {
          throw error;
        });
    }
  }
}

function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

function positionOf(position: number): Position {
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

function toEventData(event: NewEvent): EventData {
  return {
    id: event.metadata.eventId,
    contentType: 'application/json',
    type: event.type,
    data: (event.data ?? null) as JSONType,
    metadata: event.metadata as unknown as JSONType,
  };
}

function toRecordedEvent(event: EsdbRecordedEvent, commitPosition: bigint | undefined): RecordedEvent {
  const position = event.position?.commit ?? commitPosition;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    // Servers older than 22.6 send no position on stream reads; -1 says "unknown" rather than inventing one.
    position: position !== undefined ? Number(position) : -1,
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
  };
}

function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}
