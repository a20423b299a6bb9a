import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { type Clock, notFound } from '@vaxledger/kernel';
import { requirePlanner } from '../access/immunization-scope';
import { vietnamToday } from '../domain/calendar';
import { planStreamId } from '../domain/vaccination-plan.events';
import type { VaccinationPlans } from '../immunization-records';
import type { ImmunizationReadModels } from '../read-models/immunization-read-models';

/**
 * A plan with its attendance: who was booked, who came (a valid dose recorded with the plan's id, walk-ins
 * included) and who did not. The plan comes from its stream; attendance from the dose index, so a dose recorded
 * a moment ago may take a moment to show.
 */
export class GetPlanHandler {
  constructor(
    private readonly plans: VaccinationPlans,
    private readonly readModels: ImmunizationReadModels,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, planId: string) {
    const { state: plan } = await this.plans.load(planStreamId(planId));
    if (!plan) throw notFound('plan_not_found', 'No such vaccination plan.');
    requirePlanner(principal, { facilityId: plan.facilityId, provinceCode: plan.provinceCode });
    const doses = (await (await this.readModels.doses()).find({ planId })).filter((dose) => dose.status === 'completed');
    const doseBySubject = new Map(doses.map((dose) => [dose.subjectId, dose]));
    const dayOver = plan.date < vietnamToday(this.clock.now());
    const booked = plan.subjectIds.map((subjectId) => {
      const dose = doseBySubject.get(subjectId);
      return {
        subjectId,
        status: dose ? 'vaccinated' : dayOver ? 'did_not_attend' : 'awaiting',
        doseId: dose?.id ?? null,
        doseNumber: dose?.doseNumber ?? null,
      };
    });
    const walkIns = doses
      .filter((dose) => !plan.subjectIds.includes(dose.subjectId))
      .map((dose) => ({ subjectId: dose.subjectId, doseId: dose.id, doseNumber: dose.doseNumber }));
    return {
      planId,
      facilityId: plan.facilityId,
      provinceCode: plan.provinceCode,
      districtCode: plan.districtCode,
      date: plan.date,
      vaccineCode: plan.vaccineCode,
      capacity: plan.capacity,
      remaining: plan.capacity - plan.subjectIds.length,
      booked,
      vaccinated: booked.filter((b) => b.status === 'vaccinated').map((b) => b.subjectId),
      notVaccinated: booked.filter((b) => b.status !== 'vaccinated').map((b) => b.subjectId),
      walkIns,
    };
  }
}
