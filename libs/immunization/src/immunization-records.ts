/** Command handlers of this service's aggregates, shared by every use case that changes one. */
import { CommandHandler, type EventStore } from '@vaxledger/kernel';
import { doseRecordDecider, type ImmunizationRecordCommand, type ImmunizationRecordState } from './domain/dose-record.decider';
import type { ImmunizationRecordEvent } from './domain/immunization-record.events';
import { type VaccinationPlanCommand, vaccinationPlanDecider, type VaccinationPlanState } from './domain/vaccination-plan.decider';
import type { VaccinationPlanEvent } from './domain/vaccination-plan.events';

export class ImmunizationRecords extends CommandHandler<ImmunizationRecordCommand, ImmunizationRecordState, ImmunizationRecordEvent> {
  constructor(eventStore: EventStore) {
    super(eventStore, doseRecordDecider);
  }
}

/** The command handler of vaccination plans. */
export class VaccinationPlans extends CommandHandler<VaccinationPlanCommand, VaccinationPlanState | null, VaccinationPlanEvent> {
  constructor(eventStore: EventStore) {
    super(eventStore, vaccinationPlanDecider);
  }
}
