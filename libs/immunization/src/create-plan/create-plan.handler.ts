import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { newId } from '@vaxledger/kernel';
import { INFRASTRUCTURE, type ServiceInfrastructure } from '@vaxledger/runtime';
import { requirePlanner } from '../access/immunization-scope';
import { commandMetadata, VACCINE_CATALOGUE } from '../command-metadata';
import { vietnamToday } from '../domain/calendar';
import { planStreamId } from '../domain/vaccination-plan.events';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';
import { FacilityDirectory } from '../facility-directory';
import { VaccinationPlans } from '../immunization-records';
import type { CreatePlanInput } from './create-plan.command';

@Injectable()
export class CreatePlanHandler {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
    @Inject(VACCINE_CATALOGUE) private readonly catalogue: VaccineCatalogue,
    private readonly facilities: FacilityDirectory,
    private readonly plans: VaccinationPlans,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, input: CreatePlanInput): Promise<{ planId: string }> {
    const facility = await this.facilities.locate(input.facilityId, principal);
    requirePlanner(principal, facility);
    const planId = newId();
    const now = this.infra.clock.now();
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
