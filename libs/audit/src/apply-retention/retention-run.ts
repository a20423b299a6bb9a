/**
 * Every retention run is itself a trail entry: when it ran, with which retention and floor, what it removed
 * and the signed boundary it left. Verify reads the cutoff from it to tell "removed by retention, signed"
 * from "missing" when it reconciles the trail with the services' event logs.
 */
import { newId } from '@vaxledger/kernel';
import type { TrailEntryDraft } from '../domain/trail-entry';

export const retentionRunType = 'vaxledger.audit.retention.applied';
/** Not a Kafka topic: the trail's own record of what it did to itself. */
export const trailSelfTopic = 'vaxledger.audit.trail';

export interface RetentionRunRecord {
  outcome: 'removed' | 'nothing_due' | 'refused';
  cutoff: string;
  retentionDays: number;
  minimumRetentionDays: number;
  boundarySequence: number | null;
  boundaryHash: string | null;
  removed: number;
  /** Machine code of a refusal. */
  reason: string | null;
}

export function retentionRunDraft(record: RetentionRunRecord, at: Date): TrailEntryDraft {
  return {
    eventId: newId(),
    topic: trailSelfTopic,
    type: retentionRunType,
    source: '/vaxledger/audit',
    occurredAt: at.toISOString(),
    partitionKey: 'audit-retention',
    correlationId: null,
    actor: { accountId: null, facilityId: null, provinceCode: null },
    subjectIds: [],
    provinceCode: null,
    facilityId: null,
    payload: { ...record },
    maskedFields: [],
  };
}
