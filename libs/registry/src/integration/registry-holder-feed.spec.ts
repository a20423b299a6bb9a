import { randomBytes, randomUUID } from 'node:crypto';
import { registryHolderEventTypes, type RegistryHolderMessage, Topics } from '@vaxledger/contracts';
import type { RecordedEvent } from '@vaxledger/kernel';
import { LookupHasher } from '../privacy/lookup-hasher';
import { registryPublications } from '../registry.composition';
import { registryHolderFeed } from './registry-holder-feed';
import { registryIntegration } from './registry.integration';

const hasher = new LookupHasher({ phoneLookup: randomBytes(32), idLookup: randomBytes(32) });
const feed = registryHolderFeed(hasher);
const subjectId = randomUUID();
const survivorId = randomUUID();

let position = 0;
function recorded(type: string, data: Record<string, unknown>, revision: number): RecordedEvent {
  return {
    type,
    data: { subjectId, ...data },
    streamId: `subject-${subjectId}`,
    revision,
    position: ++position,
    metadata: {
      eventId: randomUUID(),
      correlationId: randomUUID(),
      causationId: null,
      actor: { accountId: randomUUID(), facilityId: randomUUID(), provinceCode: '01' },
      occurredAt: '2026-12-04T10:00:00.000+07:00',
      schemaVersion: 1,
    },
  };
}

const profile = {
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1980-05-17',
  gender: 'male',
  idDocument: { type: 'CCCD', number: '001080012345' },
  phone: '+84912345678',
  address: { provinceCode: '01', districtCode: '005', wardCode: null, line: 'Số 12' },
  priorityGroup: null,
};
const facilityId = randomUUID();
const registered = recorded('SubjectRegistered', { profile, managingFacilityId: facilityId, managingProvinceCode: '01', registeredVia: 'api' }, 0);

const only = (event: RecordedEvent) => {
  const messages = feed(event);
  expect(messages).toHaveLength(1);
  expect(messages[0].topic).toBe(Topics.registryHolder);
  expect(messages[0].message.partitionkey).toBe(subjectId);
  return messages[0].message as { type: string; id: string; data: RegistryHolderMessage };
};

describe('registry holder feed', () => {
  it('states the whole holder on registration, with the ID number only as the keyed id-lookup hash', () => {
    const message = only(registered);
    expect(message.type).toBe(registryHolderEventTypes.registered);
    expect(message.id).toBe(registered.metadata.eventId);
    expect(message.data).toEqual({
      subjectId,
      version: 0,
      fullName: profile.fullName,
      dateOfBirth: profile.dateOfBirth,
      phone: profile.phone,
      idNumberHash: hasher.idNumberHash(profile.idDocument.number),
      status: 'active',
      mergedInto: null,
      managingFacilityId: facilityId,
      provinceCode: '01',
    });
    expect(JSON.stringify(message)).not.toContain(profile.idDocument.number);
  });

  it('carries only the fields a profile change set, with the change names and the revision', () => {
    const changed = recorded(
      'SubjectProfileChanged',
      {
        changedFields: ['fullName', 'idDocument'],
        values: { fullName: 'Nguyễn Văn Anh', idDocument: { type: 'PASSPORT', number: 'B1234567' } },
        changedByFacilityId: facilityId,
        stepUpUsed: true,
      },
      3,
    );
    const message = only(changed);
    expect(message.type).toBe(registryHolderEventTypes.updated);
    expect(message.data).toEqual({
      subjectId,
      version: 3,
      changedFields: ['fullName', 'idDocument'],
      fullName: 'Nguyễn Văn Anh',
      idNumberHash: hasher.idNumberHash('B1234567'),
    });
    expect(JSON.stringify(message)).not.toContain('B1234567');
  });

  it('states transfers, merges and unmerges', () => {
    const toFacility = randomUUID();
    expect(
      only(recorded('SubjectManagementTransferred', { requestId: randomUUID(), fromFacilityId: facilityId, toFacilityId: toFacility, managingProvinceCode: '79', decidedBy: 'facility' }, 2)).data,
    ).toEqual({ subjectId, version: 2, managingFacilityId: toFacility, provinceCode: '79' });
    const merged = only(recorded('SubjectMergedInto', { survivorSubjectId: survivorId }, 4));
    expect(merged.type).toBe(registryHolderEventTypes.merged);
    expect(merged.data).toEqual({ subjectId, version: 4, status: 'merged', mergedInto: survivorId });
    const unmerged = only(recorded('SubjectUnmerged', { formerSurvivorSubjectId: survivorId }, 5));
    expect(unmerged.type).toBe(registryHolderEventTypes.unmerged);
    expect(unmerged.data).toEqual({ subjectId, version: 5, status: 'active', mergedInto: null, formerSurvivorSubjectId: survivorId });
  });

  it('publishes nothing for events that change no holder field', () => {
    expect(feed(recorded('SubjectDuplicateAbsorbed', { duplicateSubjectId: survivorId }, 1))).toEqual([]);
    expect(feed(recorded('SubjectManagementTransferRequested', { requestId: randomUUID() }, 1))).toEqual([]);
  });

  it('is published by the registry relay next to the subject topic, which stays free of personal data', () => {
    const messages = registryPublications(hasher)(registered);
    expect(messages.map((m) => m.topic).sort()).toEqual([Topics.registryHolder, Topics.registrySubject].sort());
    const subjectTopic = registryIntegration(registered);
    expect(JSON.stringify(subjectTopic)).not.toContain(profile.fullName);
    expect(JSON.stringify(subjectTopic)).not.toContain(profile.phone);
  });
});
