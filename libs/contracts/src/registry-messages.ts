/**
 * Public payloads the registry service publishes (CloudEvents `data`), shared by producer and consumers.
 * `vaxledger.registry.subject.v1` is keyed by subject id and carries no names, phones or ID numbers.
 */
import type { AccessRecordFields } from './audit-messages';

export const registrySource = '/vaxledger/registry';

export const registryEventTypes = {
  registered: 'vaxledger.registry.subject.registered',
  updated: 'vaxledger.registry.subject.updated',
  managementTransferred: 'vaxledger.registry.subject.management-transferred',
  merged: 'vaxledger.registry.subject.merged',
  unmerged: 'vaxledger.registry.subject.unmerged',
  accessRecorded: 'vaxledger.access.recorded',
} as const;

export interface SubjectRegisteredMessage {
  subjectId: string;
  managingFacilityId: string;
  provinceCode: string;
  districtCode: string | null;
  birthYear: number;
  gender: string;
  dateOfBirth: string;
  priorityGroup: string | null;
}

/** Only the public-safe fields that changed; `changedFields` names every changed profile field, sensitive or not. */
export interface SubjectUpdatedMessage {
  subjectId: string;
  changedFields: string[];
  provinceCode?: string;
  districtCode?: string | null;
  birthYear?: number;
  dateOfBirth?: string;
  gender?: string;
  priorityGroup?: string | null;
}

export interface SubjectManagementTransferredMessage {
  subjectId: string;
  fromFacilityId: string;
  managingFacilityId: string;
  managingProvinceCode: string | null;
}

export interface SubjectMergedMessage {
  subjectId: string;
  /** The surviving subject the merged-away record now points to. */
  mergedInto: string;
}

export interface SubjectUnmergedMessage {
  subjectId: string;
  formerSurvivorSubjectId: string;
}

export type RegistrySubjectMessage =
  | SubjectRegisteredMessage
  | SubjectUpdatedMessage
  | SubjectManagementTransferredMessage
  | SubjectMergedMessage
  | SubjectUnmergedMessage;

/** On `vaxledger.audit.access.v1` (keyed by the account that looked): a registry read or look-up (R8). */
export interface AccessRecordedMessage extends AccessRecordFields {
  service: 'registry';
  criteria: string | null;
  resultCount: number;
  /** Keyed hash of the ID number tried (`subject.lookup` only). */
  idNumberKey?: string;
  /** `denied` on a refused attempt, with the error code as `reason`. */
  outcome?: 'denied';
  reason?: string;
}
