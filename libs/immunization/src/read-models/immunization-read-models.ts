/** The immunization service's read-model collections, their documents and indexes. */
import type { CollectionDefinition, ReadModelCollection, ReadModelDocument, ReadModelStore } from '@vaxledger/kernel';

export interface PlanView {
  id: string;
  facilityId: string;
  provinceCode: string | null;
  districtCode: string | null;
  date: string;
  vaccineCode: string;
  capacity: number;
  subjectIds: string[];
}

/** One dose, as plan attendance needs it (no personal data beyond the subject id). */
export interface DoseIndexView {
  id: string;
  subjectId: string;
  planId: string | null;
  vaccineCode: string;
  doseNumber: number;
  date: string;
  facilityId: string;
  status: 'completed' | 'voided';
}

/** Doses counted for one province, district, vaccine, dose number and day. */
export interface CoverageCell {
  id: string;
  provinceCode: string | null;
  districtCode: string | null;
  vaccineCode: string;
  doseNumber: number;
  day: string;
  doses: number;
  /** Position of the last event counted here: a replayed event is not counted twice. */
  appliedThrough: number;
}

/** Which coverage cell a dose is counted in, so a correction or void can move or remove it. */
export interface CoverageDoseMemo {
  id: string;
  cellId: string | null;
  appliedThrough: number;
}

export interface FacilityView {
  id: string;
  code: string | null;
  name: string | null;
  provinceCode: string | null;
  districtCode: string | null;
}

export const planCollection: CollectionDefinition = {
  name: 'immunization_plans',
  indexes: [{ fields: ['facilityId', 'date'] }, { fields: ['provinceCode', 'date'] }, { fields: ['date'] }],
};

export const doseIndexCollection: CollectionDefinition = {
  name: 'immunization_doses',
  indexes: [{ fields: ['planId'] }, { fields: ['subjectId'] }],
};

export const coverageCollection: CollectionDefinition = {
  name: 'immunization_coverage',
  indexes: [{ fields: ['provinceCode', 'day'] }, { fields: ['day'] }],
};

export const coverageMemoCollection: CollectionDefinition = { name: 'immunization_coverage_doses', indexes: [] };

export const facilityCollection: CollectionDefinition = { name: 'immunization_facilities', indexes: [{ fields: ['provinceCode'] }] };

/** Opens each collection once per store. */
export class ImmunizationReadModels {
  private readonly opened = new Map<string, Promise<ReadModelCollection<ReadModelDocument>>>();

  constructor(readonly store: ReadModelStore) {}

  plans = () => this.open<PlanView>(planCollection);
  doses = () => this.open<DoseIndexView>(doseIndexCollection);
  coverage = () => this.open<CoverageCell>(coverageCollection);
  coverageMemo = () => this.open<CoverageDoseMemo>(coverageMemoCollection);
  facilities = () => this.open<FacilityView>(facilityCollection);

  private open<T extends ReadModelDocument>(definition: CollectionDefinition): Promise<ReadModelCollection<T>> {
    let collection = this.opened.get(definition.name);
    if (!collection) {
      collection = this.store.collection<ReadModelDocument>(definition);
      this.opened.set(definition.name, collection);
    }
    return collection as Promise<ReadModelCollection<T>>;
  }
}
