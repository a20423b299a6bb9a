/** A vaccination plan: a facility's session for one vaccine on one date, with a capacity and its bookings. */
import { conflict, type Decider, notFound, ruleBroken } from '@vaxledger/kernel';
import type { VaccinationPlanEvent } from './vaccination-plan.events';
import { findVaccine, type VaccineCatalogue } from './vaccine-catalogue';

export interface VaccinationPlanState {
  planId: string;
  facilityId: string;
  provinceCode: string | null;
  districtCode: string | null;
  date: string;
  vaccineCode: string;
  capacity: number;
  subjectIds: string[];
}

export type CreatePlan = {
  type: 'CreatePlan';
  planId: string;
  facilityId: string;
  provinceCode: string | null;
  districtCode: string | null;
  date: string;
  vaccineCode: string;
  capacity: number;
  plannedBy: string;
  /** Today's date where the facility is. */
  today: string;
  catalogue: VaccineCatalogue;
};

export type BookSubjects = { type: 'BookSubjects'; planId: string; subjectIds: string[]; today: string };

export type VaccinationPlanCommand = CreatePlan | BookSubjects;

export const vaccinationPlanDecider: Decider<VaccinationPlanCommand, VaccinationPlanState | null, VaccinationPlanEvent> = {
  initialState: () => null,
  decide(command, state) {
    switch (command.type) {
      case 'CreatePlan': {
        if (state) {
          if (state.facilityId === command.facilityId && state.date === command.date && state.vaccineCode === command.vaccineCode) return [];
          throw conflict('plan_already_exists', 'A plan with this id already exists.');
        }
        if (!findVaccine(command.catalogue, command.vaccineCode)) {
          throw ruleBroken('unknown_vaccine', `Vaccine ${command.vaccineCode} is not in the catalogue.`);
        }
        if (command.date < command.today) throw ruleBroken('plan_date_in_past', 'A vaccination plan cannot be made for a past day.');
        const { type: _type, today: _today, catalogue: _catalogue, ...data } = command;
        return [{ type: 'VaccinationPlanned', data }];
      }
      case 'BookSubjects': {
        if (!state) throw notFound('plan_not_found', 'No such vaccination plan.');
        if (state.date < command.today) throw ruleBroken('plan_date_passed', 'This plan’s day has passed; book the subjects on a current plan.');
        const requested = [...new Set(command.subjectIds)];
        const already = requested.filter((id) => state.subjectIds.includes(id));
        if (already.length > 0) {
          throw conflict('subject_already_booked', 'Some subjects are already booked on this plan.', { subjectIds: already });
        }
        if (state.subjectIds.length + requested.length > state.capacity) {
          throw ruleBroken('plan_capacity_exceeded', `The plan has ${state.capacity - state.subjectIds.length} place(s) left.`, {
            capacity: state.capacity,
            booked: state.subjectIds.length,
            requested: requested.length,
          });
        }
        return [{ type: 'SubjectsBooked', data: { planId: state.planId, subjectIds: requested } }];
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'VaccinationPlanned': {
        const { plannedBy: _by, ...plan } = event.data;
        return { ...plan, subjectIds: [] };
      }
      case 'SubjectsBooked':
        return state ? { ...state, subjectIds: [...state.subjectIds, ...event.data.subjectIds] } : state;
      default:
        return state;
    }
  },
};
