/** Building CloudEvents 1.0 (structured JSON mode) from stored events, and reading them back off the wire. */
import type { NewEvent, RecordedEvent } from './events';
import type { CloudEvent } from './ports/event-bus';

export const cloudEventContentType = 'application/cloudevents+json';

export interface ToCloudEventOptions<TData> {
  /** URI-reference naming the producing context, e.g. `/vaxledger/immunization`. */
  source: string;
  /** Defaults to the event's own type string, which is already the public contract. */
  type?: string;
  /** Aggregate id: becomes the Kafka key, so it must never be personal data. */
  partitionkey: string;
  /** The public payload when it differs from the stored event data (integration events drop internal fields). */
  data?: TData;
  subject?: string;
}

export function toCloudEvent<TData = unknown>(
  event: RecordedEvent | NewEvent,
  options: ToCloudEventOptions<TData>,
): CloudEvent<TData> {
  const { metadata } = event;
  const cloudEvent: CloudEvent<TData> = {
    specversion: '1.0',
    id: metadata.eventId,
    source: options.source,
    type: options.type ?? event.type,
    time: metadata.occurredAt,
    datacontenttype: 'application/json',
    partitionkey: options.partitionkey,
    correlationid: metadata.correlationId,
    data: (options.data !== undefined ? options.data : event.data) as TData,
  };
  if (options.subject !== undefined) cloudEvent.subject = options.subject;
  // CloudEvents has no null attribute values: a first event in a chain simply carries no causation id.
  if (metadata.causationId !== null) cloudEvent.causationid = metadata.causationId;
  // Ids only, never names: the audit trail needs to know which account, facility and province acted.
  const actor = metadata.actor;
  if (actor?.accountId) cloudEvent.actorid = actor.accountId;
  if (actor?.facilityId) cloudEvent.actorfacilityid = actor.facilityId;
  if (actor?.provinceCode) cloudEvent.actorprovincecode = actor.provinceCode;
  assertCloudEvent(cloudEvent);
  return cloudEvent;
}

/** A message on the bus that is not a CloudEvent this system can read; the bus dead-letters it. */
export class MalformedCloudEventError extends Error {
  constructor(reason: string) {
    super(`Malformed CloudEvent: ${reason}`);
    this.name = 'MalformedCloudEventError';
  }
}

export function serializeCloudEvent(event: CloudEvent): string {
  return JSON.stringify(event);
}

/** Parses a structured-mode message and checks every attribute the port relies on. */
export function parseCloudEvent(payload: Buffer | string): CloudEvent {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedCloudEventError(`not JSON (${(error as Error).message})`);
  }
  assertCloudEvent(value);
  return value;
}

const requiredStrings = ['id', 'source', 'type', 'time', 'partitionkey'] as const;

// RFC 3339 date-time, the only timestamp format CloudEvents allows.
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function assertCloudEvent(value: unknown): asserts value is CloudEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedCloudEventError('expected a JSON object');
  }
  const attributes = value as Record<string, unknown>;
  if (attributes.specversion !== '1.0') {
    throw new MalformedCloudEventError('attribute "specversion" must be "1.0"');
  }
  for (const name of requiredStrings) {
    const attribute = attributes[name];
    if (typeof attribute !== 'string' || attribute.length === 0) {
      throw new MalformedCloudEventError(`attribute "${name}" must be a non-empty string`);
    }
  }
  if (!rfc3339.test(attributes.time as string) || Number.isNaN(Date.parse(attributes.time as string))) {
    throw new MalformedCloudEventError(`attribute "time" must be an RFC 3339 timestamp`);
  }
  if (attributes.datacontenttype !== 'application/json') {
    throw new MalformedCloudEventError('attribute "datacontenttype" must be "application/json"');
  }
  if (!('data' in attributes)) {
    throw new MalformedCloudEventError('attribute "data" is missing');
  }
  for (const name of ['subject', 'correlationid'] as const) {
    if (attributes[name] !== undefined && typeof attributes[name] !== 'string') {
      throw new MalformedCloudEventError(`attribute "${name}" must be a string when present`);
    }
  }
  if (
    attributes.causationid !== undefined &&
    attributes.causationid !== null &&
    typeof attributes.causationid !== 'string'
  ) {
    throw new MalformedCloudEventError('attribute "causationid" must be a string when present');
  }
}
