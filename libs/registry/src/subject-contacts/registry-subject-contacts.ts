/**
 * Registry's answer to immunization's contact port, for the standalone process where both run side by side:
 * names from the facility-subjects read model (one query per page), a reminder's first name and phone from the
 * subject's own stream. Nothing here is published: names and phones never travel on the bus.
 */
import type { ReadModelCollection, ReadModelStore } from '@vaxledger/kernel';
import type { ServiceInfrastructure } from '@vaxledger/runtime';
import { LookupHasher } from '../privacy/lookup-hasher';
import { type FacilitySubjectDocument, facilitySubjectsCollection } from '../read-models/registry-collections';
import { SubjectStreams } from '../subject-streams';

export class RegistrySubjectContacts {
  readonly available = true;
  private readonly streams: SubjectStreams;
  private facilitySubjects?: Promise<ReadModelCollection<FacilitySubjectDocument>>;

  constructor(private readonly registry: Pick<ServiceInfrastructure, 'eventStore' | 'readModels' | 'keys'>) {
    this.streams = new SubjectStreams(registry.eventStore, LookupHasher.fromKeys(registry.keys.purposeKeys));
  }

  async namesOf(subjectIds: readonly string[]): Promise<Map<string, string>> {
    this.facilitySubjects ??= (this.registry.readModels as ReadModelStore).collection<FacilitySubjectDocument>(facilitySubjectsCollection);
    const docs = await (await this.facilitySubjects).find({ id: { $in: [...subjectIds] } });
    return new Map(docs.map((doc) => [doc.id, doc.fullName]));
  }

  async reminderContactOf(subjectId: string): Promise<{ firstName: string; phone: string } | null> {
    const { state } = await this.streams.load(subjectId);
    if (state.status !== 'active' || !state.profile?.phone) return null;
    return { firstName: givenNameOf(state.profile.fullName), phone: state.profile.phone };
  }
}

/** A Vietnamese full name is family, middle, given: the given name is the last word ("Nguyễn Thị Lan" → "Lan"). */
export function givenNameOf(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return words[words.length - 1] ?? fullName;
}
