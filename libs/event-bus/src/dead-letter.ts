/**
 * What a parked message carries. The original bytes stay untouched as the dead-letter record's value (so it can
 * be replayed as is); why and where it failed travels in headers, named here once for both adapters.
 */

export interface DeadLetter {
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  /** The consumer group whose handler gave up: another group may have handled the same message fine. */
  groupId: string;
  /** Handler attempts made; 0 when the message could not even be parsed. */
  attempts: number;
  /** Error name and message of the last attempt. */
  error: string;
  deadLetteredAt: string;
  key: string | null;
  /** The original message exactly as it was published (UTF-8). */
  payload: string;
}

/** Adapters that can list what was parked on a topic's dead-letter topic (ops tooling, contract tests). */
export interface DeadLetterInspection {
  deadLetters(topic: string): Promise<DeadLetter[]>;
}

export const deadLetterHeaders = {
  error: 'dlq-error',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  groupId: 'dlq-group-id',
  attempts: 'dlq-attempts',
  deadLetteredAt: 'dlq-dead-lettered-at',
} as const;

// Handlers' error messages are written by us and must not hold personal data; the cap keeps one bad message
// from producing an oversized header.
const maxErrorLength = 1000;

export function describeError(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `Non-error thrown: ${String(error)}`;
  return text.length > maxErrorLength ? `${text.slice(0, maxErrorLength)}…` : text;
}

export interface DeadLetterCause {
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  attempts: number;
  error: unknown;
  at: Date;
}

export function deadLetterHeadersFor(cause: DeadLetterCause): Record<string, string> {
  return {
    [deadLetterHeaders.error]: describeError(cause.error),
    [deadLetterHeaders.originalTopic]: cause.topic,
    [deadLetterHeaders.originalPartition]: String(cause.partition),
    [deadLetterHeaders.originalOffset]: cause.offset,
    [deadLetterHeaders.groupId]: cause.groupId,
    [deadLetterHeaders.attempts]: String(cause.attempts),
    [deadLetterHeaders.deadLetteredAt]: cause.at.toISOString(),
  };
}

export function deadLetterFromRecord(record: {
  key: string | null;
  payload: string;
  headers: Record<string, string | undefined>;
}): DeadLetter {
  const header = (name: string) => record.headers[name] ?? '';
  return {
    originalTopic: header(deadLetterHeaders.originalTopic),
    originalPartition: Number(header(deadLetterHeaders.originalPartition)),
    originalOffset: header(deadLetterHeaders.originalOffset),
    groupId: header(deadLetterHeaders.groupId),
    attempts: Number(header(deadLetterHeaders.attempts)),
    error: header(deadLetterHeaders.error),
    deadLetteredAt: header(deadLetterHeaders.deadLetteredAt),
    key: record.key,
    payload: record.payload,
  };
}
