/** Events of a vaccination plan (a session at a facility on a date), stream `plan-<planId>`. */
import type { DomainEvent } from '@vaxledger/kernel';

export type VaccinationPlanned = DomainEvent<
  'VaccinationPlanned',
  {
    planId: string;
    facilityId: string;
    provinceCode: string | null;
    districtCode: string | null;
    date: string;
    vaccineCode: string;
    capacity: number;
    plannedBy: string;
  }
>;

export type SubjectsBooked = DomainEvent<'SubjectsBooked', { planId: string; subjectIds: string[] }>;

export type VaccinationPlanEvent = VaccinationPlanned | SubjectsBooked;

export const planEventTypes: ReadonlySet<string> = new Set(['VaccinationPlanned', 'SubjectsBooked']);

export const planStreamId = (planId: string) => `plan-${planId}`;
