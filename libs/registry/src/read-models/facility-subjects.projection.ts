import type { RecordedEvent } from '@vaxledger/kernel';
import type { SubjectEvent } from '../domain/subject.events';
import { birthYearOf } from '../domain/subject-profile';
import { FoldingProjection } from './folding-projection';
import type { FacilitySubjectDocument } from './registry-collections';

/** Subjects per managing facility: a facility's own list, with no identifiers beyond name and birth year. */
export class FacilitySubjectsProjection extends FoldingProjection<FacilitySubjectDocument> {
  readonly name = 'registry-facility-subjects';
  readonly handles: ReadonlySet<string> = new Set<SubjectEvent['type']>([
    'SubjectRegistered',
    'SubjectProfileChanged',
    'SubjectManagementTransferred',
    'SubjectMergedInto',
    'SubjectUnmerged',
  ]);

  protected override createsDocument(event: RecordedEvent): boolean {
    return event.type === 'SubjectRegistered';
  }

  protected fold(current: FacilitySubjectDocument | null, recorded: RecordedEvent): FacilitySubjectDocument | null {
    const event = recorded as unknown as SubjectEvent;
    if (event.type === 'SubjectRegistered') {
      const { profile } = event.data;
      return {
        id: event.data.subjectId,
        managingFacilityId: event.data.managingFacilityId,
        fullName: profile.fullName,
        birthYear: birthYearOf(profile.dateOfBirth),
        gender: profile.gender,
        provinceCode: profile.address.provinceCode,
        districtCode: profile.address.districtCode,
        registeredAt: recorded.metadata.occurredAt,
        mergedInto: null,
      };
    }
    if (!current) return null;
    switch (event.type) {
      case 'SubjectProfileChanged': {
        const { values } = event.data;
        return {
          ...current,
          fullName: values.fullName ?? current.fullName,
          birthYear: values.dateOfBirth ? birthYearOf(values.dateOfBirth) : current.birthYear,
          gender: values.gender ?? current.gender,
          provinceCode: values.address?.provinceCode ?? current.provinceCode,
          districtCode: values.address ? values.address.districtCode : current.districtCode,
        };
      }
      case 'SubjectManagementTransferred':
        return { ...current, managingFacilityId: event.data.toFacilityId };
      case 'SubjectMergedInto':
        return { ...current, mergedInto: event.data.survivorSubjectId };
      case 'SubjectUnmerged':
        return { ...current, mergedInto: null };
      default:
        return null;
    }
  }
}
