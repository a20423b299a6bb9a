/**
 * Events of a subject's own stream (`subject-<id>`). Plain personal values live only here, inside the
 * subject's stream: never in stream names, keys, headers, logs or public messages.
 */
import type { DomainEvent } from '@vaxledger/kernel';
import type { ProfileField, SubjectProfile } from './subject-profile';

export type RegistrationChannel = 'api' | 'import';

export type SubjectRegistered = DomainEvent<
  'SubjectRegistered',
  {
    subjectId: string;
    profile: SubjectProfile;
    /** The creating facility, which becomes the managing facility. */
    managingFacilityId: string;
    managingProvinceCode: string | null;
    registeredVia: RegistrationChannel;
  }
>;

export type SubjectProfileChanged = DomainEvent<
  'SubjectProfileChanged',
  {
    subjectId: string;
    changedFields: ProfileField[];
    /** New values of the changed fields only. */
    values: Partial<SubjectProfile>;
    changedByFacilityId: string | null;
    stepUpUsed: boolean;
  }
>;

export type SubjectManagementTransferRequested = DomainEvent<
  'SubjectManagementTransferRequested',
  {
    subjectId: string;
    requestId: string;
    fromFacilityId: string;
    toFacilityId: string;
    /** Known when the receiving facility asked (its token names its province); null otherwise. */
    toProvinceCode: string | null;
    requestedByFacilityId: string;
  }
>;

export type SubjectManagementTransferred = DomainEvent<
  'SubjectManagementTransferred',
  {
    subjectId: string;
    requestId: string;
    fromFacilityId: string;
    toFacilityId: string;
    managingProvinceCode: string | null;
    decidedBy: 'facility' | 'province' | 'national';
  }
>;

/** On the merged-away (duplicate) stream. */
export type SubjectMergedInto = DomainEvent<'SubjectMergedInto', { subjectId: string; survivorSubjectId: string }>;
/** On the surviving stream. */
export type SubjectDuplicateAbsorbed = DomainEvent<
  'SubjectDuplicateAbsorbed',
  { subjectId: string; duplicateSubjectId: string }
>;
export type SubjectUnmerged = DomainEvent<'SubjectUnmerged', { subjectId: string; formerSurvivorSubjectId: string }>;
export type SubjectDuplicateReleased = DomainEvent<
  'SubjectDuplicateReleased',
  { subjectId: string; duplicateSubjectId: string }
>;

export type SubjectEvent =
  | SubjectRegistered
  | SubjectProfileChanged
  | SubjectManagementTransferRequested
  | SubjectManagementTransferred
  | SubjectMergedInto
  | SubjectDuplicateAbsorbed
  | SubjectUnmerged
  | SubjectDuplicateReleased;

export const subjectEventTypes: ReadonlySet<SubjectEvent['type']> = new Set([
  'SubjectRegistered',
  'SubjectProfileChanged',
  'SubjectManagementTransferRequested',
  'SubjectManagementTransferred',
  'SubjectMergedInto',
  'SubjectDuplicateAbsorbed',
  'SubjectUnmerged',
  'SubjectDuplicateReleased',
]);

export const subjectStreamId = (subjectId: string) => `subject-${subjectId}`;
