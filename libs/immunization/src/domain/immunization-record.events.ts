/**
 * Events of a subject's immunization record, stream `immunization-<subjectId>`. Dose events carry a full
 * snapshot of the dose, so the relay can publish them and projections can apply them without looking back.
 */
import type { DomainEvent } from '@vaxledger/kernel';
import type { AgeBand } from './calendar';

export type Sex = 'male' | 'female' | 'other' | 'unknown';
export type DoseStatus = 'completed' | 'voided';
export type ReactionSeverity = 'mild' | 'moderate' | 'severe' | 'serious';
export type ReactionOutcome = 'recovered' | 'recovering' | 'not_recovered' | 'recovered_with_sequelae' | 'fatal' | 'unknown';

/** What reporting may know about the person at the time of the dose: no identifiers, coarse age. */
export interface ReportingProfile {
  ageBand: AgeBand;
  sex: Sex;
  /** The subject's province of residence when registry shared it, else the vaccinating facility's. */
  provinceCode: string | null;
  districtCode: string | null;
}

export interface DoseSnapshot {
  subjectId: string;
  doseId: string;
  vaccineCode: string;
  seriesGroup: string;
  doseNumber: number;
  /** ISO 8601 with the site's offset, as entered. */
  administeredAt: string;
  lotNumber: string;
  facilityId: string;
  planId: string | null;
  site: string | null;
  route: string | null;
  vaccinatorId: string;
  reporting: ReportingProfile;
}

export type DoseRecorded = DomainEvent<'DoseRecorded', DoseSnapshot>;
export type DoseCorrected = DomainEvent<'DoseCorrected', DoseSnapshot & { reason: string; changedFields: string[] }>;
export type DoseVoided = DomainEvent<'DoseVoided', DoseSnapshot & { reason: string }>;

export type AdverseReactionReported = DomainEvent<
  'AdverseReactionReported',
  {
    subjectId: string;
    doseId: string;
    reactionId: string;
    onsetAt: string;
    severity: ReactionSeverity;
    description: string;
    outcome: ReactionOutcome;
    reportedBy: string;
    reportingFacilityId: string | null;
  }
>;

/** What registry told us about the subject; only the fields the schedule rules and reporting need. */
export interface SubjectFacts {
  dateOfBirth: string | null;
  birthYear: number | null;
  gender: 'male' | 'female' | 'other' | null;
  provinceCode: string | null;
  districtCode: string | null;
  managingFacilityId: string | null;
}

export type SubjectFactsNoted = DomainEvent<'SubjectFactsNoted', { subjectId: string; facts: SubjectFacts }>;

export type DoseBooked = DomainEvent<
  'DoseBooked',
  { subjectId: string; planId: string; vaccineCode: string; seriesGroup: string; doseNumber: number; date: string }
>;
export type DoseBookingReleased = DomainEvent<'DoseBookingReleased', { subjectId: string; planId: string; reason: string }>;

/**
 * A registry merge or unmerge moving doses between two records (docs/immunization.md, "Merges"). The doses carry
 * their whole recorded state (status, corrections, reactions). `transferId` is the registry message that caused
 * it, so a replay or redelivery moves nothing twice.
 */
export interface TransferredDose extends DoseSnapshot {
  status: DoseStatus;
  voidReason: string | null;
  corrections: number;
  reactions: Array<{
    reactionId: string;
    onsetAt: string;
    severity: ReactionSeverity;
    description: string;
    outcome: ReactionOutcome;
    reportedBy: string;
  }>;
  /** The record the dose was first recorded on, when a merge brought it here. */
  cameFrom?: string | null;
}
export type DoseTransferReason = 'merge' | 'unmerge';
/** On the record the doses leave. */
export type DosesTransferredOut = DomainEvent<
  'DosesTransferredOut',
  { subjectId: string; toSubjectId: string; reason: DoseTransferReason; transferId: string; doses: TransferredDose[] }
>;
/** On the record the doses join; each dose's `subjectId` is this record's. */
export type DosesTransferredIn = DomainEvent<
  'DosesTransferredIn',
  { subjectId: string; fromSubjectId: string; reason: DoseTransferReason; transferId: string; doses: TransferredDose[] }
>;

export type ImmunizationRecordEvent =
  | DosesTransferredOut
  | DosesTransferredIn
  | DoseRecorded
  | DoseCorrected
  | DoseVoided
  | AdverseReactionReported
  | SubjectFactsNoted
  | DoseBooked
  | DoseBookingReleased;

export const doseEventTypes: ReadonlySet<string> = new Set(['DoseRecorded', 'DoseCorrected', 'DoseVoided']);

export const immunizationStreamId = (subjectId: string) => `immunization-${subjectId}`;
