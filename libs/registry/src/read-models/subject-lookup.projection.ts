import type { ReadModelCollection, RecordedEvent } from '@vaxledger/kernel';
import { maskIdNumber, maskPhone } from '../domain/masking';
import { nameKeyOf } from '../domain/personal-name';
import type { SubjectEvent } from '../domain/subject.events';
import { birthYearOf } from '../domain/subject-profile';
import type { LookupHasher } from '../privacy/lookup-hasher';
import { FoldingProjection } from './folding-projection';
import type { SubjectLookupDocument } from './registry-collections';

/** The search read model (R7): name key + keyed hashes to match on, masked fields to show. */
export class SubjectLookupProjection extends FoldingProjection<SubjectLookupDocument> {
  readonly name = 'registry-subject-lookup';
  readonly handles: ReadonlySet<string> = new Set<SubjectEvent['type']>([
    'SubjectRegistered',
    'SubjectProfileChanged',
    'SubjectManagementTransferred',
    'SubjectMergedInto',
    'SubjectUnmerged',
  ]);

  constructor(
    collection: ReadModelCollection<SubjectLookupDocument>,
    private readonly hasher: LookupHasher,
  ) {
    super(collection);
  }

  protected override createsDocument(event: RecordedEvent): boolean {
    return event.type === 'SubjectRegistered';
  }

  protected fold(current: SubjectLookupDocument | null, recorded: RecordedEvent): SubjectLookupDocument | null {
    const event = recorded as unknown as SubjectEvent;
    if (event.type === 'SubjectRegistered') {
      const { profile } = event.data;
      return {
        id: event.data.subjectId,
        nameKey: nameKeyOf(profile.fullName),
        phoneHash: this.hasher.phoneHash(profile.phone),
        idNumberHash: this.hasher.idNumberHash(profile.idDocument.number),
        fullName: profile.fullName,
        birthYear: birthYearOf(profile.dateOfBirth),
        gender: profile.gender,
        phoneMasked: maskPhone(profile.phone),
        idDocumentType: profile.idDocument.type,
        idNumberMasked: maskIdNumber(profile.idDocument.number),
        provinceCode: profile.address.provinceCode,
        districtCode: profile.address.districtCode,
        managingFacilityId: event.data.managingFacilityId,
        managingProvinceCode: event.data.managingProvinceCode,
        mergedInto: null,
      };
    }
    if (!current) return null;
    switch (event.type) {
      case 'SubjectProfileChanged': {
        const values = event.data.values;
        const next = { ...current };
        if (values.fullName !== undefined) {
          next.fullName = values.fullName;
          next.nameKey = nameKeyOf(values.fullName);
        }
        if (values.phone !== undefined) {
          next.phoneHash = this.hasher.phoneHash(values.phone);
          next.phoneMasked = maskPhone(values.phone);
        }
        if (values.idDocument !== undefined) {
          next.idNumberHash = this.hasher.idNumberHash(values.idDocument.number);
          next.idNumberMasked = maskIdNumber(values.idDocument.number);
          next.idDocumentType = values.idDocument.type;
        }
        if (values.dateOfBirth !== undefined) next.birthYear = birthYearOf(values.dateOfBirth);
        if (values.gender !== undefined) next.gender = values.gender;
        if (values.address !== undefined) {
          next.provinceCode = values.address.provinceCode;
          next.districtCode = values.address.districtCode;
        }
        return next;
      }
      case 'SubjectManagementTransferred':
        return { ...current, managingFacilityId: event.data.toFacilityId, managingProvinceCode: event.data.managingProvinceCode };
      case 'SubjectMergedInto':
        return { ...current, mergedInto: event.data.survivorSubjectId };
      case 'SubjectUnmerged':
        return { ...current, mergedInto: null };
      default:
        return null;
    }
  }
}
