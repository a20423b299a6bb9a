import { deciderSpec } from '@vaxledger/kernel';
import { loadVaccineCatalogue } from '../catalogue/vaccine-catalogue.file';
import { type CreatePlan, vaccinationPlanDecider } from './vaccination-plan.decider';
import type { VaccinationPlanEvent } from './vaccination-plan.events';

const catalogue = loadVaccineCatalogue();
const spec = deciderSpec(vaccinationPlanDecider);

const create = (overrides: Partial<CreatePlan> = {}): CreatePlan => ({
  type: 'CreatePlan',
  planId: 'plan-1',
  facilityId: 'facility-1',
  provinceCode: '79',
  districtCode: '769',
  date: '2021-08-02',
  vaccineCode: 'VAXZEVRIA',
  capacity: 3,
  plannedBy: 'account-1',
  today: '2021-08-01',
  catalogue,
  ...overrides,
});

const planned: VaccinationPlanEvent = {
  type: 'VaccinationPlanned',
  data: {
    planId: 'plan-1',
    facilityId: 'facility-1',
    provinceCode: '79',
    districtCode: '769',
    date: '2021-08-02',
    vaccineCode: 'VAXZEVRIA',
    capacity: 3,
    plannedBy: 'account-1',
  },
};
const booked = (...subjectIds: string[]): VaccinationPlanEvent => ({ type: 'SubjectsBooked', data: { planId: 'plan-1', subjectIds } });

describe('vaccination plan decider', () => {
  it('plans a session for one vaccine on a coming day', () => {
    spec.given([]).when(create()).then([planned]);
  });

  it('refuses a plan for a past day or an unknown vaccine', () => {
    spec.given([]).when(create({ date: '2021-07-31' })).thenThrows('plan_date_in_past');
    spec.given([]).when(create({ vaccineCode: 'NOPE' })).thenThrows('unknown_vaccine');
  });

  it('books subjects within the capacity, ignoring a name listed twice in one request', () => {
    spec.given([planned]).when({ type: 'BookSubjects', planId: 'plan-1', subjectIds: ['s1', 's2', 's1'], today: '2021-08-01' }).then([booked('s1', 's2')]);
  });

  it('refuses more subjects than places left', () => {
    const error = spec
      .given([planned, booked('s1', 's2')])
      .when({ type: 'BookSubjects', planId: 'plan-1', subjectIds: ['s3', 's4'], today: '2021-08-01' })
      .thenThrows('plan_capacity_exceeded');
    expect(error.details).toEqual({ capacity: 3, booked: 2, requested: 2 });
  });

  it('refuses a subject already booked on the plan', () => {
    const error = spec
      .given([planned, booked('s1')])
      .when({ type: 'BookSubjects', planId: 'plan-1', subjectIds: ['s2', 's1'], today: '2021-08-01' })
      .thenThrows('subject_already_booked');
    expect(error.details).toEqual({ subjectIds: ['s1'] });
  });

  it('refuses bookings on an unknown plan or after the plan’s day', () => {
    spec.given([]).when({ type: 'BookSubjects', planId: 'plan-1', subjectIds: ['s1'], today: '2021-08-01' }).thenThrows('plan_not_found');
    spec.given([planned]).when({ type: 'BookSubjects', planId: 'plan-1', subjectIds: ['s1'], today: '2021-08-03' }).thenThrows('plan_date_passed');
  });
});
