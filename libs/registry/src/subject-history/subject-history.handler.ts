import type { Principal, RequestOrigin } from '@vaxledger/auth';
import type { CrossFacilityReadGate } from '@vaxledger/cross-facility-reads';
import type { Clock, RecordedEvent } from '@vaxledger/kernel';
import type { AccessRecorder } from '../access-records/access-recorder';
import { maskIdNumber, maskPhone, maskTail } from '../domain/masking';
import { subjectNotFound } from '../domain/registry-errors';
import type { SubjectEvent } from '../domain/subject.events';
import { profileFields, type ProfileField, type SubjectProfile } from '../domain/subject-profile';
import { requireProvinceOfSubject, requireRecordReader } from '../registry-scope';
import type { SubjectStreams } from '../subject-streams';
import type { SubjectHistoryEntry } from './subject-history.query';

/** How each field is shown in history: never the full value of anything that identifies a person. */
function maskedValue(field: ProfileField, profile: Partial<SubjectProfile>): unknown {
  switch (field) {
    case 'fullName':
      return profile.fullName!
        .split(' ')
        .map((word) => `${[...word][0]}.`)
        .join(' ');
    case 'dateOfBirth':
      return `${profile.dateOfBirth!.slice(0, 4)}-**-**`;
    case 'idDocument':
      return { type: profile.idDocument!.type, number: maskIdNumber(profile.idDocument!.number) };
    case 'phone':
      return maskPhone(profile.phone!);
    case 'address':
      return { provinceCode: profile.address!.provinceCode, districtCode: profile.address!.districtCode };
    case 'healthInsuranceNumber':
      return profile.healthInsuranceNumber ? maskTail(profile.healthInsuranceNumber) : null;
    case 'gender':
      return profile.gender;
    case 'priorityGroup':
      return profile.priorityGroup;
  }
}

function masked(fields: ProfileField[], values: Partial<SubjectProfile>): SubjectHistoryEntry['maskedValues'] {
  const result: Partial<Record<ProfileField, unknown>> = {};
  for (const field of fields) if (values[field] !== undefined) result[field] = maskedValue(field, values);
  return result as SubjectHistoryEntry['maskedValues'];
}

function entryOf(recorded: RecordedEvent): SubjectHistoryEntry | null {
  const event = recorded as unknown as SubjectEvent;
  const { actor } = recorded.metadata;
  const base = {
    at: recorded.metadata.occurredAt,
    actor: { accountId: actor.accountId, facilityId: actor.facilityId ?? null, provinceCode: actor.provinceCode ?? null },
    stepUpUsed: false,
    fields: [] as ProfileField[],
    maskedValues: {},
  };
  switch (event.type) {
    case 'SubjectRegistered': {
      const fields = profileFields.filter((field) => event.data.profile[field] !== null);
      return { ...base, change: 'registered', fields, maskedValues: masked(fields, event.data.profile) };
    }
    case 'SubjectProfileChanged':
      return {
        ...base,
        change: 'profile_changed',
        fields: event.data.changedFields,
        maskedValues: masked(event.data.changedFields, event.data.values),
        stepUpUsed: event.data.stepUpUsed,
      };
    case 'SubjectManagementTransferRequested':
      return { ...base, change: 'transfer_requested', facilityIds: { from: event.data.fromFacilityId, to: event.data.toFacilityId } };
    case 'SubjectManagementTransferred':
      // `actor` is the account that accepted; `decidedBy` says on which footing (facility, province, national).
      return {
        ...base,
        change: 'management_transferred',
        facilityIds: { from: event.data.fromFacilityId, to: event.data.toFacilityId },
        decidedBy: event.data.decidedBy,
      };
    case 'SubjectMergedInto':
      return { ...base, change: 'merged_into', relatedSubjectId: event.data.survivorSubjectId };
    case 'SubjectDuplicateAbsorbed':
      return { ...base, change: 'duplicate_absorbed', relatedSubjectId: event.data.duplicateSubjectId };
    case 'SubjectUnmerged':
      return { ...base, change: 'unmerged', relatedSubjectId: event.data.formerSurvivorSubjectId };
    case 'SubjectDuplicateReleased':
      return { ...base, change: 'duplicate_released', relatedSubjectId: event.data.duplicateSubjectId };
    default:
      return null;
  }
}

/**
 * GET /subjects/{id}/history: field names, who, when, step-up used; values masked. Audited; another facility's
 * subject needs a purpose and counts against the hourly quota of such reads.
 */
export class SubjectHistoryHandler {
  constructor(
    private readonly streams: SubjectStreams,
    private readonly access: AccessRecorder,
    private readonly crossFacilityReads: CrossFacilityReadGate,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string) {
    requireRecordReader(principal);
    const { state, events } = await this.streams.load(subjectId);
    if (state.status === 'unregistered') throw subjectNotFound();
    requireProvinceOfSubject(principal, state.managingProvinceCode);
    const now = this.clock.now();
    const { purpose } = await this.crossFacilityReads.admit(principal, origin.purpose, state.managingFacilityId, now);
    await this.access.record(principal, origin, now, { action: 'subject.history.read', subjectIds: [subjectId], purpose });
    const items = events.map(entryOf).filter((entry): entry is SubjectHistoryEntry => entry !== null);
    return { subjectId, items };
  }
}
