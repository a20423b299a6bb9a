/**
 * Stored registry events → public CloudEvents. Two topics:
 * - `vaxledger.registry.subject.v1`, keyed by subject id: what other services need about a subject
 *   (managing facility, province/district, birth year, gender, and the date of birth, which immunization's
 *   "no dose before birth" rule needs). Never names, phones or ID numbers. This topic is internal: the
 *   reporting topic, which must carry no direct identifiers, is built elsewhere and never gets `dateOfBirth`.
 * - `vaxledger.audit.access.v1`: access records (R8), keyed by the account that looked.
 */
import {
  type AccessRecordedMessage,
  registryEventTypes,
  registrySource,
  type RegistrySubjectMessage,
  type SubjectRegisteredMessage,
  type SubjectUpdatedMessage,
  Topics,
} from '@vaxledger/contracts';
import { type CloudEvent, type IntegrationMapper, type RecordedEvent, toCloudEvent } from '@vaxledger/kernel';
import type { SubjectAccessRecorded } from '../domain/access-record.events';
import type { SubjectEvent } from '../domain/subject.events';
import { birthYearOf } from '../domain/subject-profile';

function subjectMessage(event: RecordedEvent, type: string, subjectId: string, data: RegistrySubjectMessage) {
  return {
    topic: Topics.registrySubject,
    message: toCloudEvent<RegistrySubjectMessage>(event, { source: registrySource, type, partitionkey: subjectId, subject: subjectId, data }),
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
    return [{ topic: Topics.auditAccess, message }] as const;
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
