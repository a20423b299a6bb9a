/**
 * Subject events → `vaxledger.registry.holder.v1`: what the certificates immunization serves state about
 * their holder (name, birth date, phone of record, managing facility and province, merge status), keyed by
 * subject id. Each message carries the fields its event set and the event's stream revision as `version`,
 * so immunization's holder read model keeps the newest value of each field whatever order or how often the
 * messages arrive. The ID number leaves registry only as its keyed `id-lookup` hash (LookupHasher).
 */
import { registryHolderEventTypes, type RegistryHolderMessage, registryHolderSource, Topics } from '@vaxledger/contracts';
import { type IntegrationMapper, type RecordedEvent, toCloudEvent } from '@vaxledger/kernel';
import type { SubjectEvent } from '../domain/subject.events';
import type { LookupHasher } from '../privacy/lookup-hasher';

function holderMessage(recorded: RecordedEvent, type: string, data: RegistryHolderMessage) {
  return {
    topic: Topics.registryHolder,
    message: toCloudEvent<RegistryHolderMessage>(recorded, {
      // Its own source: with the event's id, (source, id) names this message alone, not the subject topic's.
      source: registryHolderSource,
      type,
      partitionkey: data.subjectId,
      subject: data.subjectId,
      data,
    }),
  };
}

/** The holder feed's mapper; `hasher` is registry's, whose `id-lookup` key the ID-number hash is made with. */
export function registryHolderFeed(hasher: Pick<LookupHasher, 'idNumberHash'>): IntegrationMapper {
  return (recorded) => {
    const event = recorded as unknown as SubjectEvent;
    const base = { subjectId: event.data?.subjectId, version: recorded.revision };
    switch (event.type) {
      case 'SubjectRegistered': {
        const { profile } = event.data;
        return [
          holderMessage(recorded, registryHolderEventTypes.registered, {
            ...base,
            fullName: profile.fullName,
            dateOfBirth: profile.dateOfBirth,
            phone: profile.phone,
            idNumberHash: hasher.idNumberHash(profile.idDocument.number),
            status: 'active',
            mergedInto: null,
            managingFacilityId: event.data.managingFacilityId,
            provinceCode: event.data.managingProvinceCode,
          }),
        ];
      }
      case 'SubjectProfileChanged': {
        const { values } = event.data;
        const data: RegistryHolderMessage = { ...base, changedFields: [...event.data.changedFields] };
        if (values.fullName !== undefined) data.fullName = values.fullName;
        if (values.dateOfBirth !== undefined) data.dateOfBirth = values.dateOfBirth;
        if (values.phone !== undefined) data.phone = values.phone;
        if (values.idDocument !== undefined) data.idNumberHash = hasher.idNumberHash(values.idDocument.number);
        return [holderMessage(recorded, registryHolderEventTypes.updated, data)];
      }
      case 'SubjectManagementTransferred':
        return [
          holderMessage(recorded, registryHolderEventTypes.managementTransferred, {
            ...base,
            managingFacilityId: event.data.toFacilityId,
            provinceCode: event.data.managingProvinceCode,
          }),
        ];
      case 'SubjectMergedInto':
        return [
          holderMessage(recorded, registryHolderEventTypes.merged, {
            ...base,
            status: 'merged',
            mergedInto: event.data.survivorSubjectId,
          }),
        ];
      case 'SubjectUnmerged':
        return [
          holderMessage(recorded, registryHolderEventTypes.unmerged, {
            ...base,
            status: 'active',
            mergedInto: null,
            formerSurvivorSubjectId: event.data.formerSurvivorSubjectId,
          }),
        ];
      default:
        return [];
    }
  };
}
