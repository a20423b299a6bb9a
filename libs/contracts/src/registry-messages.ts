/**
 * Public payloads the registry service publishes (CloudEvents `data`), shared by producer and consumers.
 * `vaxledger.registry.subject.v1` is keyed by subject id and carries no names, phones or ID numbers;
 * `vaxledger.registry.holder.v1` carries the names, birth dates and phones certificates state, and an ID
 * number only as registry's keyed hash.
 */
import type { AccessRecordFields } from './audit-messages';

export const registrySource = '/vaxledger/registry';
/** The source of the holder feed's messages: they restate registry events under the events' own ids. */
export const registryHolderSource = '/vaxledger/registry/holders';

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

/** CloudEvent types of `vaxledger.registry.holder.v1`: which registry change a holder message states. */
export const registryHolderEventTypes = {
  registered: 'vaxledger.registry.holder.registered',
  updated: 'vaxledger.registry.holder.updated',
  managementTransferred: 'vaxledger.registry.holder.management-transferred',
  merged: 'vaxledger.registry.holder.merged',
  unmerged: 'vaxledger.registry.holder.unmerged',
} as const;

/**
 * On `vaxledger.registry.holder.v1` (keyed by subject id, nothing personal in the key): what a certificate
 * states about its holder, as one subject event set it. A registration carries every field; a later change
 * only those it set. `version` is the subject stream's revision of the event: a reader keeps, field by
 * field, the value of the highest version it has seen, so a replayed or out-of-order message never
 * overwrites a newer one. The ID number never leaves registry: only its keyed hash (registry's `id-lookup`
 * HMAC, the one its look-ups use) is carried.
 */
export interface RegistryHolderMessage {
  subjectId: string;
  version: number;
  fullName?: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
  /** E.164 phone of record, where the citizen's one-time code goes. */
  phone?: string;
  /** HMAC-SHA256 (`id-lookup` key) of the ID document number, whatever the document type. */
  idNumberHash?: string;
  status?: 'active' | 'merged';
  mergedInto?: string | null;
  managingFacilityId?: string;
  /** The managing province (follows the managing facility). */
  provinceCode?: string | null;
  /** Names of the profile fields a profile change changed (no values). */
  changedFields?: string[];
  /** On an unmerge: the subject this one had been merged into. */
  formerSurvivorSubjectId?: string;
}
