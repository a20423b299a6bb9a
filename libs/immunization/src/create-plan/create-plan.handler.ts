import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { commandMetadata, type Clock, newId } from '@vaxledger/kernel';
import { requirePlanner } from '../access/immunization-scope';
import { vietnamToday } from '../domain/calendar';
import { planStreamId } from '../domain/vaccination-plan.events';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';
import type { FacilityDirectory } from '../facility-directory';
import type { VaccinationPlans } from '../immunization-records';
import { createPlanSchema } from './create-plan.command';

export class CreatePlanHandler {
  constructor(
    private readonly catalogue: VaccineCatalogue,
    private readonly facilities: FacilityDirectory,
    private readonly plans: VaccinationPlans,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, body: unknown): Promise<{ planId: string }> {
    const input = parseInput(createPlanSchema, body);
    const facility = await this.facilities.locate(input.facilityId, principal);
    requirePlanner(principal, facility);
    const planId = newId();
    const now = this.clock.now();
    await this.plans.handle(
      planStreamId(planId),
      {
        type: 'CreatePlan',
        planId,
        ...input,
        provinceCode: facility.provinceCode,
        districtCode: facility.districtCode,
        plannedBy: principal.accountId,
        today: vietnamToday(now),
        catalogue: this.catalogue,
      },
      commandMetadata(principal, origin, now),
    );
    return { planId };
  }
}
