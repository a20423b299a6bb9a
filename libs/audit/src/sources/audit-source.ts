/**
 * The trail's sources: the services' own event logs. Each domain event and each access record a service
 * publishes reaches the trail under the id of the stored event it came from, so the log says what the trail
 * must hold. Reconciling the two finds what the trail alone cannot show: a cut tail, or a stretch removed and
 * the chain rebuilt over the gap.
 */
import type { RecordedEvent } from '@vaxledger/kernel';
import type { TrailStore } from '../trail/trail-store';

export interface AuditSource {
  /** The producing service (`identity`, `registry`, `immunization`). */
  readonly name: string;
  /** Events in global order, strictly after `after`. */
  readAll(after: number | null, maxCount: number): Promise<RecordedEvent[]>;
  /** True when the service publishes this event under its own id (the trail then must hold it). */
  expectsInTrail(event: RecordedEvent): boolean;
  /**
   * The highest position known to have been handled by the audit intake, or null when unknown. Standalone:
   * the service's relay checkpoint (its bus waits for every consumer before the relay moves on). Distributed:
   * null — a message on Kafka may still wait for the intake, so only the grace period applies.
   */
  deliveredThrough(): Promise<number | null>;
  close(): Promise<void>;
}

export interface SourceEventRef {
  position: number;
  eventId: string;
  type: string;
  occurredAt: string;
}

export interface SourceReconciliation {
  source: string;
  /** Events of the log that the trail must hold. */
  eventsExpected: number;
  inTrail: number;
  /** In the log, not in the trail, and due: older than the grace period, or already delivered. */
  missing: number;
  /** Not in the trail because a signed retention run removed that part (they occurred before its cutoff). */
  removedByRetention: number;
  /** Too recent to judge: the intake may still be on its way to them. */
  pending: number;
  /** The highest position of this log the trail holds an entry for. */
  coveredThrough: number | null;
  /** The first missing events, in log order (at most 20). */
  missingEvents: SourceEventRef[];
}

export interface ReconcileOptions {
  /** Events that occurred before this instant (ISO) must be in the trail by now. */
  dueBefore: string;
  /** The signed retention cutoff: events that occurred before it may have been removed. */
  retentionCutoff: string | null;
  pageSize?: number;
}

const sampleSize = 20;

/** Reads the whole log a page at a time, looks every expected event up in the trail by its id. */
export async function reconcileSource(
  trail: Pick<TrailStore, 'findByEventIds'>,
  source: AuditSource,
  options: ReconcileOptions,
): Promise<SourceReconciliation> {
  const pageSize = options.pageSize ?? 1000;
  const delivered = await source.deliveredThrough();
  const result: SourceReconciliation = {
    source: source.name,
    eventsExpected: 0,
    inTrail: 0,
    missing: 0,
    removedByRetention: 0,
    pending: 0,
    coveredThrough: null,
    missingEvents: [],
  };
  let after: number | null = null;
  for (;;) {
    const page = await source.readAll(after, pageSize);
    if (page.length === 0) break;
    after = page[page.length - 1].position;
    const expected = page.filter((event) => source.expectsInTrail(event));
    if (expected.length === 0) continue;
    const stored = new Set(
      (await trail.findByEventIds(expected.map((event) => event.metadata.eventId))).map((entry) => entry.eventId),
    );
    for (const event of expected) {
      result.eventsExpected++;
      const occurredAt = new Date(event.metadata.occurredAt).toISOString();
      if (stored.has(event.metadata.eventId)) {
        result.inTrail++;
        result.coveredThrough = event.position;
      } else if (options.retentionCutoff !== null && occurredAt < options.retentionCutoff) {
        result.removedByRetention++;
      } else if ((delivered !== null && event.position <= delivered) || occurredAt < options.dueBefore) {
        result.missing++;
        if (result.missingEvents.length < sampleSize)
          result.missingEvents.push({
            position: event.position,
            eventId: event.metadata.eventId,
            type: event.type,
            occurredAt: event.metadata.occurredAt,
          });
      } else {
        result.pending++;
      }
    }
    if (page.length < pageSize) break;
  }
  return result;
}
