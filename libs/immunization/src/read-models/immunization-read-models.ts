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

/**
 * One line of a facility's due list: the next dose of one series of one subject, at a facility that manages the
 * subject or booked them in one of its plans. Dates only; the status (due / overdue) is judged at query time.
 */
export interface DueEntryView {
  id: string;
  facilityId: string;
  subjectId: string;
  seriesGroup: string;
  nextDoseNumber: number;
  vaccineCode: string;
  boosterDue: boolean;
  earliest: string;
  recommended: string;
  overdueFrom: string;
  /** `<overdueFrom>|<subjectId>|<seriesGroup>`: the list's order and its keyset cursor in one indexed field. */
  overdueKey: string;
  /** Why the subject is on this facility's list. */
  via: 'managed' | 'booked';
  /** The date of the subject's open booking at this facility, if any (a missed booking is an open one in the past). */
  bookedOn: string | null;
}

/** What the due-list projection remembers of one subject, so each event recomputes the forecast without I/O. */
export interface DueSubjectMemo {
  id: string;
  dateOfBirth: string | null;
  managingFacilityId: string | null;
  doses: Record<string, { vaccineCode: string; seriesGroup: string; doseNumber: number; administeredAt: string; status: 'completed' | 'voided' }>;
  bookings: Record<string, { facilityId: string | null; date: string; open: boolean }>;
  entryIds: string[];
  appliedThrough: number;
}

/** The facility of each plan, as the due-list projection saw it planned. */
export interface DuePlanMemo {
  id: string;
  facilityId: string;
}

export const dueEntryCollection: CollectionDefinition = {
  name: 'immunization_due',
  indexes: [{ fields: ['facilityId', 'overdueKey'] }, { fields: ['recommended'] }, { fields: ['bookedOn'] }, { fields: ['subjectId'] }],
};
export const dueSubjectCollection: CollectionDefinition = { name: 'immunization_due_subjects', indexes: [] };
export const duePlanCollection: CollectionDefinition = { name: 'immunization_due_plans', indexes: [] };

/** Subjects reminded at one phone, keyed by the phone's keyed hash (never the phone). */
export interface ReminderRecipientView {
  id: string;
  subjectIds: string[];
}
export const reminderRecipientCollection: CollectionDefinition = { name: 'immunization_reminder_recipients', indexes: [] };

export type CoverageMilestone = 'atLeastOneDose' | 'primarySeriesComplete' | 'booster';
export type TargetGroup = '18+' | '12-17' | 'under12' | 'unknown';

/** People of one province, district and target group who reached a milestone in the week starting `weekStart`. */
export interface PeopleCoverageCell {
  id: string;
  provinceCode: string | null;
  districtCode: string | null;
  targetGroup: TargetGroup;
  milestone: CoverageMilestone;
  /** Monday of the week the milestone was reached (ISO weeks). */
  weekStart: string;
  people: number;
  appliedThrough: number;
}

/** One person's COVID-19 series as the people-coverage projection counts it, and the cells it is counted in. */
export interface PeopleCoverageMemo {
  id: string;
  provinceCode: string | null;
  districtCode: string | null;
  dateOfBirth: string | null;
  birthYear: number | null;
  doses: Record<string, { vaccineCode: string; doseNumber: number; date: string; status: 'completed' | 'voided'; provinceCode: string | null; districtCode: string | null }>;
  cellIds: string[];
  appliedThrough: number;
}

export const peopleCoverageCollection: CollectionDefinition = {
  name: 'immunization_people_coverage',
  indexes: [{ fields: ['provinceCode', 'weekStart'] }, { fields: ['weekStart'] }],
};
export const peopleCoverageMemoCollection: CollectionDefinition = { name: 'immunization_people_coverage_subjects', indexes: [] };

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
  dueEntries = () => this.open<DueEntryView>(dueEntryCollection);
  dueSubjects = () => this.open<DueSubjectMemo>(dueSubjectCollection);
  duePlans = () => this.open<DuePlanMemo>(duePlanCollection);
  peopleCoverage = () => this.open<PeopleCoverageCell>(peopleCoverageCollection);
  peopleCoverageMemo = () => this.open<PeopleCoverageMemo>(peopleCoverageMemoCollection);
  reminderRecipients = () => this.open<ReminderRecipientView>(reminderRecipientCollection);

  private open<T extends ReadModelDocument>(definition: CollectionDefinition): Promise<ReadModelCollection<T>> {
    let collection = this.opened.get(definition.name);
    if (!collection) {
      collection = this.store.collection<ReadModelDocument>(definition);
      this.opened.set(definition.name, collection);
    }
    return collection as Promise<ReadModelCollection<T>>;
  }
}
