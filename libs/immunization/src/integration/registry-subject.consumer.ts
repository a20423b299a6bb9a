/**
 * Learns each subject's date of birth, sex and residence from registry's `vaxledger.registry.subject.v1`, and
 * notes them on the subject's immunization record, where the schedule rules and the reporting profile use them.
 * Registry's payloads are read defensively: only the fields below are taken, from the data or a nested
 * `profile`/`values`/`address`; anything else (merges, transfers of other fields) is ignored.
 */
import { EventPattern } from '@nestjs/microservices';
import { Topics } from '@vaxledger/contracts';
import { type CloudEvent, type EventStore, opaqueIdPattern } from '@vaxledger/kernel';
import { ImmunizationRecords } from '../immunization-records';
import { isCalendarDate } from '../domain/calendar';
import {
  immunizationStreamId,
  type SubjectFacts,
} from '../domain/immunization-record.events';

const genders = new Set(['male', 'female', 'other']);

export function readSubjectFacts(
  message: CloudEvent,
): { subjectId: string; facts: Partial<SubjectFacts> } | null {
  const data = (message.data ?? {}) as Record<string, unknown>;
  const subjectId = data.subjectId;
  if (typeof subjectId !== 'string' || !opaqueIdPattern.test(subjectId)) return null;
  const layers = [
    data,
    data.profile,
    data.values,
    data.address,
    (data.profile as Record<string, unknown> | undefined)?.address,
    (data.values as Record<string, unknown> | undefined)?.address,
  ].filter((layer): layer is Record<string, unknown> => typeof layer === 'object' && layer !== null);
  const pick = (name: string): unknown => layers.find((layer) => layer[name] !== undefined)?.[name];

  const facts: Partial<SubjectFacts> = {};
  const dateOfBirth = pick('dateOfBirth');
  if (typeof dateOfBirth === 'string' && isCalendarDate(dateOfBirth)) {
    facts.dateOfBirth = dateOfBirth;
    facts.birthYear = Number(dateOfBirth.slice(0, 4));
  }
  const birthYear = pick('birthYear');
  if (facts.birthYear === undefined && Number.isInteger(birthYear)) facts.birthYear = birthYear as number;
  const gender = pick('gender');
  if (typeof gender === 'string' && genders.has(gender)) facts.gender = gender as SubjectFacts['gender'];
  const provinceCode = pick('provinceCode') ?? pick('managingProvinceCode');
  if (typeof provinceCode === 'string' && /^\d{2}$/.test(provinceCode)) facts.provinceCode = provinceCode;
  const districtCode = pick('districtCode');
  if (typeof districtCode === 'string' && /^\d{3}$/.test(districtCode)) facts.districtCode = districtCode;
  const managingFacilityId = pick('managingFacilityId') ?? pick('toFacilityId');
  if (typeof managingFacilityId === 'string' && managingFacilityId.length <= 64)
    facts.managingFacilityId = managingFacilityId;

  return Object.keys(facts).length > 0 ? { subjectId, facts } : null;
}

export class RegistrySubjectConsumer {
  private readonly records: ImmunizationRecords;

  constructor(eventStore: EventStore) {
    this.records = new ImmunizationRecords(eventStore);
  }

  @EventPattern(Topics.registrySubject, { group: 'registry-subjects' })
  async handle(message: CloudEvent): Promise<void> {
    const read = readSubjectFacts(message);
    if (!read) return;
    await this.records.handle(
      immunizationStreamId(read.subjectId),
      { type: 'NoteSubjectFacts', subjectId: read.subjectId, facts: read.facts },
      {
        actor: { accountId: 'system:registry-feed' },
        now: new Date(message.time),
        correlationId: message.correlationid ?? message.id,
        causationId: message.id,
      },
    );
  }
}
