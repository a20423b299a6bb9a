/** Vaccination plans by facility, province and date, for `GET /api/v1/plans`. */
import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import type { VaccinationPlanEvent } from '../domain/vaccination-plan.events';
import type { ImmunizationReadModels } from './immunization-read-models';

export class PlansProjection implements Projection {
  readonly name = 'immunization-plans';
  readonly handles: ReadonlySet<string> = new Set(['VaccinationPlanned', 'SubjectsBooked']);

  constructor(private readonly readModels: ImmunizationReadModels) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as VaccinationPlanEvent & RecordedEvent;
    const plans = await this.readModels.plans();
    if (event.type === 'VaccinationPlanned') {
      const { plannedBy: _by, planId, ...plan } = event.data;
      await plans.upsert({ id: planId, ...plan, subjectIds: [] }, recorded.position);
    } else if (event.type === 'SubjectsBooked') {
      const plan = await plans.get(event.data.planId);
      if (!plan) return;
      const subjectIds = [...plan.subjectIds, ...event.data.subjectIds.filter((id) => !plan.subjectIds.includes(id))];
      await plans.upsert({ ...plan, subjectIds }, recorded.position);
    }
  }

  async reset(): Promise<void> {
    await (await this.readModels.plans()).clear();
  }
}
