/**
 * A read of a subject's immunization record (R8), appended to stream `record-access-<subjectId>` so the relay
 * publishes it to audit at least once, even if the process stops right after answering.
 */
import type { DomainEvent } from '@vaxledger/kernel';

export type ImmunizationRecordRead = DomainEvent<
  'ImmunizationRecordRead',
  {
    subjectId: string;
    accountId: string;
    role: string;
    facilityId: string | null;
    provinceCode: string | null;
    /** What was read: the dose history or the FHIR export. */
    view: 'dose-history' | 'fhir-bundle';
    purpose: string | null;
    ip: string;
    userAgent: string;
  }
>;

export const recordAccessStreamId = (subjectId: string) => `record-access-${subjectId}`;
