/**
 * Public payloads the immunization service publishes (CloudEvents `data`), shared by producer and consumers.
 * Documented for outside consumers in docs/asyncapi.yaml and docs/schemas/.
 */

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
