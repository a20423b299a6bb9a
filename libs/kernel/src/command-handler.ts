import type { Decider } from './decider';
import { ConcurrencyError } from './errors';
import type { CommandMetadata, DomainEvent, NewEvent, RecordedEvent } from './events';
import { newId } from './ids';
import type { EventStore, ExpectedRevision } from './ports/event-store';
import { noUpcasters, type UpcasterRegistry } from './upcasters';

export interface HandleResult<TState, TEvent extends DomainEvent> {
  state: TState;
  /** The events this command appended (empty when the decider decided nothing). */
  events: Array<NewEvent<TEvent['type'], TEvent['data']>>;
  nextExpectedRevision: number | null;
  position: number | null;
}

export interface CommandHandlerOptions {
  /** How many times a conflicting append is retried (load, decide, append again) before a 409. */
  maxRetries?: number;
  upcasters?: UpcasterRegistry;
  /** Schema version stamped on new events, per type (default 1). */
  schemaVersions?: Record<string, number>;
}

export function withMetadata<TEvent extends DomainEvent>(
  events: readonly TEvent[],
  meta: CommandMetadata,
  schemaVersions: Record<string, number> = {},
): Array<NewEvent<TEvent['type'], TEvent['data']>> {
  const occurredAt = meta.now.toISOString();
  return events.map((event) => ({
    type: event.type,
    data: event.data,
    metadata: {
      eventId: newId(),
      correlationId: meta.correlationId,
      causationId: meta.causationId ?? null,
      actor: meta.actor,
      occurredAt,
      schemaVersion: schemaVersions[event.type] ?? 1,
    },
  }));
}

/**
 * The one way a command changes state: load the stream, fold it, decide, append with the expected revision.
 * A concurrent writer makes the append fail; the whole cycle is retried a bounded number of times (the
 * decision is re-made on fresh state, so nothing is lost or doubled), then the conflict surfaces as 409.
 */
export class CommandHandler<TCommand, TState, TEvent extends DomainEvent> {
  private readonly maxRetries: number;
  private readonly upcasters: UpcasterRegistry;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<TCommand, TState, TEvent>,
    private readonly options: CommandHandlerOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 3;
    this.upcasters = options.upcasters ?? noUpcasters;
  }

  async load(streamId: string): Promise<{ state: TState; revision: ExpectedRevision; events: RecordedEvent[] }> {
    const recorded = (await this.store.readStream(streamId)).map((e) => this.upcasters.upcast(e));
    let state = this.decider.initialState();
    for (const event of recorded) state = this.decider.evolve(state, event as unknown as TEvent);
    const revision: ExpectedRevision = recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision;
    return { state, revision, events: recorded };
  }

  async handle(streamId: string, command: TCommand, meta: CommandMetadata): Promise<HandleResult<TState, TEvent>> {
    for (let attempt = 0; ; attempt++) {
      const { state, revision } = await this.load(streamId);
      const decided = this.decider.decide(command, state);
      if (decided.length === 0) return { state, events: [], nextExpectedRevision: null, position: null };
      const events = withMetadata(decided, meta, this.options.schemaVersions);
      try {
        const result = await this.store.append(streamId, events, revision);
        const next = decided.reduce(this.decider.evolve, state);
        return { state: next, events, nextExpectedRevision: result.nextExpectedRevision, position: result.position };
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < this.maxRetries) continue;
        throw error;
      }
    }
  }
}
