/**
 * Stored registry events → public CloudEvents. Two topics:
 * - `vaxledger.registry.subject.v1`, keyed by subject id: what other services need about a subject
 *   (managing facility, province/district, birth year, gender, and the date of birth, which immunization's
 *   "no dose before birth" rule needs). Never names, phones or ID numbers. This topic is internal: the
 *   reporting topic, which must carry no direct identifiers, is built elsewhere and never gets `dateOfBirth`.
 * - `vaxledger.audit.access.v1`: access records (R8), keyed by the account that looked.
 */
import { Topics } from '@vaxledger/contracts';
import { toCloudEvent } from '@vaxledger/event-bus';
import type { CloudEvent, IntegrationMapper, RecordedEvent } from '@vaxledger/kernel';
import type { SubjectAccessRecorded } from '../domain/access-record.events';
import type { SubjectEvent } from '../domain/subject.events';
import { birthYearOf, type ProfileField } from '../domain/subject-profile';

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

/** Only the public-safe fields that changed; `changedFields` names every changed field, sensitive or not. */
export interface SubjectUpdatedMessage {
  subjectId: string;
  changedFields: ProfileField[];
  provinceCode?: string;
  districtCode?: string | null;
  birthYear?: number;
  dateOfBirth?: string;
  gender?: string;
  priorityGroup?: string | null;
}

export interface AccessRecordedMessage {
  accessId: string;
  service: 'registry';
  action: string;
  accountId: string;
  role: string;
  facilityId: string | null;
  provinceCode: string | null;
  subjectIds: string[];
  purpose: string | null;
  criteria: string | null;
  resultCount: number;
  /** Keyed hash of the ID number tried (`subject.lookup` only). */
  idNumberKey?: string;
  /** `denied` on a refused attempt, with the error code as `reason`. */
  outcome?: 'denied';
  reason?: string;
  occurredAt: string;
  correlationId: string;
}

function subjectMessage(event: RecordedEvent, type: string, subjectId: string, data: unknown) {
  return {
    topic: Topics.registrySubject,
    message: toCloudEvent(event, { source: registrySource, type, partitionkey: subjectId, subject: subjectId, data }),
  };
}

export const registryIntegration: IntegrationMapper = (recorded) => {
  if (recorded.type === 'SubjectAccessRecorded') {
    const data = (recorded as unknown as SubjectAccessRecorded).data;
    const message: CloudEvent<AccessRecordedMessage> = toCloudEvent(recorded, {
      source: registrySource,
      type: registryEventTypes.accessRecorded,
      partitionkey: data.accountId,
      data: {
        accessId: recorded.metadata.eventId,
        service: 'registry',
        action: data.action,
        accountId: data.accountId,
        role: data.role,
        facilityId: data.facilityId,
        provinceCode: data.provinceCode,
        subjectIds: data.subjectIds,
        purpose: data.purpose,
        criteria: data.criteria,
        resultCount: data.resultCount,
        ...(data.idNumberKey ? { idNumberKey: data.idNumberKey } : {}),
        ...(data.outcome ? { outcome: data.outcome, reason: data.reason } : {}),
        occurredAt: recorded.metadata.occurredAt,
        correlationId: recorded.metadata.correlationId,
      },
    });
    return [{ topic: Topics.auditAccess, message }];
  }
  const event = recorded as unknown as SubjectEvent;
  switch (event.type) {
    case 'SubjectRegistered': {
      const { profile } = event.data;
      const data: SubjectRegisteredMessage = {
        subjectId: event.data.subjectId,
        managingFacilityId: event.data.managingFacilityId,
        provinceCode: profile.address.provinceCode,
        districtCode: profile.address.districtCode,
        birthYear: birthYearOf(profile.dateOfBirth),
        gender: profile.gender,
        dateOfBirth: profile.dateOfBirth,
        priorityGroup: profile.priorityGroup,
      };
      return [subjectMessage(recorded, registryEventTypes.registered, event.data.subjectId, data)];
    }
    case 'SubjectProfileChanged': {
      const { values } = event.data;
      const data: SubjectUpdatedMessage = { subjectId: event.data.subjectId, changedFields: event.data.changedFields };
      if (values.address) {
        data.provinceCode = values.address.provinceCode;
        data.districtCode = values.address.districtCode;
      }
      if (values.dateOfBirth) {
        data.dateOfBirth = values.dateOfBirth;
        data.birthYear = birthYearOf(values.dateOfBirth);
      }
      if (values.gender) data.gender = values.gender;
      if (values.priorityGroup !== undefined) data.priorityGroup = values.priorityGroup;
      return [subjectMessage(recorded, registryEventTypes.updated, event.data.subjectId, data)];
    }
    case 'SubjectManagementTransferred':
      return [
        subjectMessage(recorded, registryEventTypes.managementTransferred, event.data.subjectId, {
          subjectId: event.data.subjectId,
          fromFacilityId: event.data.fromFacilityId,
          managingFacilityId: event.data.toFacilityId,
          managingProvinceCode: event.data.managingProvinceCode,
        }),
      ];
    case 'SubjectMergedInto':
      return [
        subjectMessage(recorded, registryEventTypes.merged, event.data.subjectId, {
          subjectId: event.data.subjectId,
          mergedInto: event.data.survivorSubjectId,
        }),
      ];
    case 'SubjectUnmerged':
      return [
        subjectMessage(recorded, registryEventTypes.unmerged, event.data.subjectId, {
          subjectId: event.data.subjectId,
          formerSurvivorSubjectId: event.data.formerSurvivorSubjectId,
        }),
      ];
    default:
      return [];
  }
};
