/**
 * Public payloads the immunization service publishes (CloudEvents `data`), shared by producer and consumers.
 * Documented for outside consumers in docs/asyncapi.yaml and docs/schemas/.
 */
import type { AccessRecordFields } from './audit-messages';

/** On `vaxledger.immunization.record.v1` (keyed by subject id): the dose summary registry keeps. */
export const immunizationRecordEventTypes = {
  recorded: 'vaxledger.immunization.dose.recorded',
  corrected: 'vaxledger.immunization.dose.corrected',
  voided: 'vaxledger.immunization.dose.voided',
} as const;

export interface DoseRecordMessage {
  subjectId: string;
  doseId: string;
  vaccineCode: string;
  doseNumber: number;
  /** ISO 8601 with the site's offset. */
  administeredAt: string;
  status: 'completed' | 'voided';
  facilityId: string;
  /** Set when a registry merge or unmerge moved the dose here: the subject whose record it left. */
  movedFrom?: string;
}

/**
 * On `vaxledger.immunization.dose.v1` (keyed by `subjectKey`): the pseudonymous reporting feed. It carries no
 * name, phone, ID number, exact birth date, subject id or dose id; each message is the dose's current state,
 * so a consumer keeps the latest message per `doseKey`.
 */
export const doseReportEventTypes = {
  recorded: 'vaxledger.immunization.dose-report.recorded',
  corrected: 'vaxledger.immunization.dose-report.corrected',
  voided: 'vaxledger.immunization.dose-report.voided',
} as const;

export type ReportingAgeBand = '<1' | '1-4' | '5-11' | '12-17' | '18-49' | '50-64' | '65+' | 'unknown';

export interface DoseReportMessage {
  /** Keyed hash of the subject: stable per person, not reversible without the service's key. */
  subjectKey: string;
  /** Keyed hash of the dose: follow corrections and voids of one dose. */
  doseKey: string;
  ageBand: ReportingAgeBand;
  sex: 'male' | 'female' | 'other' | 'unknown';
  provinceCode: string | null;
  districtCode: string | null;
  vaccineCode: string;
  program: 'covid19' | 'epi';
  doseNumber: number;
  /** Date of the dose, `YYYY-MM-DD`, as given at the site. */
  date: string;
  status: 'completed' | 'voided';
}

/** On `vaxledger.audit.access.v1` (keyed by subject id): who read which immunization record, when and why. */
export const immunizationAccessEventType = 'vaxledger.immunization.record.read';

export interface RecordAccessMessage {
  subjectId: string;
  accountId: string;
  role: string;
  facilityId: string | null;
  provinceCode: string | null;
  resource: 'immunization-record';
  view: 'dose-history' | 'fhir-bundle';
  action: 'read';
  purpose: string | null;
  ip: string;
  userAgent: string;
  correlationId: string;
  occurredAt: string;
}

/** On `vaxledger.audit.access.v1` (keyed by facility id): a due-list page read, naming every subject on it. */
export interface DueListAccessMessage {
  subjectIds: string[];
  actor: { accountId: string; facilityId: string | null; provinceCode: string | null };
  accountId: string;
  role: string;
  facilityId: string;
  resource: 'due-list';
  action: 'read';
  on: string;
  status: 'due' | 'overdue' | null;
  purpose: string | null;
  ip: string;
  userAgent: string;
  correlationId: string;
  occurredAt: string;
}

/** On `vaxledger.immunization.record.v1`: a reminder sent or an opt-out, never the phone or its hash. */
export interface ReminderMessage {
  subjectId: string;
  facilityId: string | null;
  seriesGroup?: string;
  doseNumber?: number;
  kind?: 'upcoming' | 'missed_booking';
  channel?: 'sms';
  on?: string;
  via?: 'facility' | 'reply';
}

/** On `vaxledger.immunization.record.v1`: a certificate issued. Ids and the UVCI hash, never the HC1 text. */
export interface CertificateIssuedMessage {
  subjectId: string;
  certificateId: string;
  uvciHash: string;
  doseId: string;
  vaccineCode: string;
  doseNumber: number;
  issuedAt: string;
  expiresAt: string;
  kid: string;
  replaces: string[];
}

export interface CertificateRevokedMessage {
  subjectId: string;
  certificateId: string;
  uvciHash: string;
  reason: 'statement_changed' | 'subject_merged' | 'lot_revoked';
  revokedAt: string;
}

/** Keyed `lot:<lot number>`: every certificate of the lot is revoked. */
export interface LotRevokedMessage {
  lotNumber: string;
  reason: string;
  revokedAt: string;
}

/** On `vaxledger.audit.access.v1`: a certificate read or citizen look-up. */
export interface CertificateAccessMessage extends AccessRecordFields {
  service: 'certificates';
  outcome: string | null;
  ip: string;
  userAgent: string;
}

export type ImmunizationRecordTopicMessage =
  | DoseRecordMessage
  | ReminderMessage
  | CertificateIssuedMessage
  | CertificateRevokedMessage
  | LotRevokedMessage;
