/**
 * Keeps certificates true, event-driven: a dose corrected or voided (immunization's record topic),
 * a changed name or birth date, a merge or an unmerge (registry's subject topic) makes the subject's valid
 * certificates be compared with the record; the outdated ones are revoked and their replacements issued in
 * the same append. A new dose leaves earlier certificates true (dose 1 of 2 stays dose 1 of 2). Idempotent: a replayed message finds nothing outdated and does nothing.
 */
import { EventPattern } from '@nestjs/microservices';
import { immunizationRecordEventTypes, Topics } from '@vaxledger/contracts';
import { type CloudEvent, opaqueIdPattern } from '@vaxledger/kernel';
import type { CertificateRecords } from '../certificate-records';

const doseChangeTypes: ReadonlySet<string> = new Set([
  immunizationRecordEventTypes.corrected,
  immunizationRecordEventTypes.voided,
]);
const statedProfileFields: ReadonlySet<string> = new Set(['fullName', 'dateOfBirth']);

/** Which subjects a message may change the certificates of, and why. Null when it changes none. */
export function subjectsToRevise(
  message: CloudEvent,
): { subjectIds: string[]; reason: 'statement_changed' | 'subject_merged'; detail: string } | null {
  const data = (message.data ?? {}) as Record<string, unknown>;
  const ids = (...values: unknown[]) =>
    values.filter((v): v is string => typeof v === 'string' && opaqueIdPattern.test(v));
  if (doseChangeTypes.has(message.type)) {
    // A dose a merge or unmerge moved (`movedFrom`) changes what both records' certificates may state.
    return {
      subjectIds: ids(data.subjectId, data.movedFrom),
      reason: 'statement_changed',
      detail: message.type.split('.').pop()!,
    };
  }
  if (message.type === 'vaxledger.registry.subject.updated') {
    const changed = Array.isArray(data.changedFields) ? (data.changedFields as unknown[]) : [];
    if (!changed.some((f) => typeof f === 'string' && statedProfileFields.has(f))) return null;
    return { subjectIds: ids(data.subjectId), reason: 'statement_changed', detail: 'profile_changed' };
  }
  if (message.type === 'vaxledger.registry.subject.merged') {
    return { subjectIds: ids(data.subjectId, data.mergedInto), reason: 'subject_merged', detail: 'merged' };
  }
  if (message.type === 'vaxledger.registry.subject.unmerged') {
    return {
      subjectIds: ids(data.subjectId, data.formerSurvivorSubjectId),
      reason: 'statement_changed',
      detail: 'unmerged',
    };
  }
  return null;
}

/** Revises the certificates of every subject `message` may change (see `subjectsToRevise`). */
export async function reviseCertificatesFor(records: CertificateRecords, message: CloudEvent): Promise<void> {
  const change = subjectsToRevise(message);
  if (!change) return;
  const meta = {
    actor: { accountId: 'system:certificate-lifecycle', facilityId: null, provinceCode: null },
    now: new Date(),
    correlationId: message.correlationid ?? message.id,
    causationId: message.id,
  };
  for (const subjectId of change.subjectIds) await records.revise(subjectId, change.reason, change.detail, meta);
}

/**
 * Standalone: dose changes and registry's subject changes, the holder read from registry's own streams in
 * the same process (always current when the message arrives).
 */
export class CertificateLifecycleConsumer {
  constructor(private readonly records: CertificateRecords) {}

  @EventPattern([Topics.immunizationRecord, Topics.registrySubject], { group: 'certificate-lifecycle' })
  async handle(message: CloudEvent): Promise<void> {
    await reviseCertificatesFor(this.records, message);
  }
}

/**
 * Distributed: dose changes only. Registry's changes arrive on the holder feed, whose consumer revises after
 * it updated the holder read model (holders/holder-feed.consumer.ts), so a reissue states the new name.
 */
export class CertificateDoseLifecycleConsumer {
  constructor(private readonly records: CertificateRecords) {}

  @EventPattern(Topics.immunizationRecord, { group: 'certificate-lifecycle' })
  async handle(message: CloudEvent): Promise<void> {
    await reviseCertificatesFor(this.records, message);
  }
}
