/**
 * The registry's read models. The lookup holds no plain phone or ID number: only keyed hashes to match on and
 * masked forms to display. The full record is served from the subject's own stream, so plain personal data
 * stays in the event log.
 */
import type { CollectionDefinition, ReadModelCollection, ReadModelStore } from '@vaxledger/kernel';
import type { Gender, IdDocumentType } from '../domain/subject-profile';

export interface SubjectLookupDocument {
  /** The subject id. */
  id: string;
  nameKey: string;
  phoneHash: string;
  idNumberHash: string;
  fullName: string;
  birthYear: number;
  gender: Gender;
  phoneMasked: string;
  idDocumentType: IdDocumentType;
  idNumberMasked: string;
  provinceCode: string;
  districtCode: string | null;
  managingFacilityId: string;
  /**
   * Province of the managing facility: province admins find only the subjects managed in their province.
   * Missing on documents projected before it existed (the search then reads it from the subject's stream).
   */
  managingProvinceCode?: string | null;
  mergedInto: string | null;
}

export const subjectLookupCollection: CollectionDefinition = {
  name: 'registry_subject_lookup',
  indexes: [{ fields: ['nameKey', 'phoneHash'] }, { fields: ['nameKey', 'idNumberHash'] }],
};

export interface FacilitySubjectDocument {
  id: string;
  managingFacilityId: string;
  fullName: string;
  birthYear: number;
  gender: Gender;
  provinceCode: string;
  districtCode: string | null;
  registeredAt: string;
  mergedInto: string | null;
}

export const facilitySubjectsCollection: CollectionDefinition = {
  name: 'registry_facility_subjects',
  indexes: [{ fields: ['managingFacilityId', 'id'] }],
};

export interface RecordedDose {
  vaccineCode: string;
  doseNumber: number | null;
  administeredAt: string | null;
  status: string;
}

/** Doses as immunization reports them over the bus; `version` orders this consumer's own writes. */
export interface DoseSummaryDocument {
  id: string;
  version: number;
  doses: Record<string, RecordedDose>;
}

export const doseSummaryCollection: CollectionDefinition = { name: 'registry_dose_summaries', indexes: [] };

/** Facilities as identity announces them: lets the importer accept a facility code and admins check provinces. */
export interface FacilityDirectoryDocument {
  id: string;
  code: string | null;
  provinceCode: string | null;
  districtCode: string | null;
  version: number;
}

export const facilityDirectoryCollection: CollectionDefinition = {
  name: 'registry_facility_directory',
  indexes: [{ fields: ['code'] }],
};

export interface RegistryCollections {
  lookup: ReadModelCollection<SubjectLookupDocument>;
  facilitySubjects: ReadModelCollection<FacilitySubjectDocument>;
  doseSummaries: ReadModelCollection<DoseSummaryDocument>;
  facilities: ReadModelCollection<FacilityDirectoryDocument>;
}

export async function openRegistryCollections(store: ReadModelStore): Promise<RegistryCollections> {
  const [lookup, facilitySubjects, doseSummaries, facilities] = await Promise.all([
    store.collection<SubjectLookupDocument>(subjectLookupCollection),
    store.collection<FacilitySubjectDocument>(facilitySubjectsCollection),
    store.collection<DoseSummaryDocument>(doseSummaryCollection),
    store.collection<FacilityDirectoryDocument>(facilityDirectoryCollection),
  ]);
  return { lookup, facilitySubjects, doseSummaries, facilities };
}
