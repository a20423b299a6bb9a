/** Events are plain data: `{ type, data, metadata }`. The type string is the contract for store, bus and consumers. */

/** Who did something, in which administrative scope. Never carries personal data. */
export interface Actor {
  accountId: string;
  facilityId?: string | null;
  provinceCode?: string | null;
}

export interface EventMetadata {
  /** UUIDv7, unique across the whole system; consumers dedupe on it. */
  eventId: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  /** ISO 8601 with offset. */
  occurredAt: string;
  schemaVersion: number;
}

/** What a decider produces: no metadata yet, the command handler adds it. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
}

/** An event ready to be appended. */
export interface NewEvent<TType extends string = string, TData = unknown> extends DomainEvent<TType, TData> {
  metadata: EventMetadata;
}

/** An event as read back from a store. */
export interface RecordedEvent<TType extends string = string, TData = unknown> extends NewEvent<TType, TData> {
  streamId: string;
  /** 0-based position of the event within its stream. */
  revision: number;
  /** Global, strictly increasing position in the store's log (opaque beyond ordering). */
  position: number;
}

/** Metadata a command carries in: who, when, and what caused it. Time arrives here, never from a global clock. */
export interface CommandMetadata {
  actor: Actor;
  now: Date;
  correlationId: string;
  causationId?: string | null;
}
