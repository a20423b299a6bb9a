import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { commandMetadata, type Clock, newId, ruleBroken } from '@vaxledger/kernel';
import { requireDoseEntry } from '../access/immunization-scope';
import { type DoseSnapshot, immunizationStreamId } from '../domain/immunization-record.events';
import type { ImmunizationRecords, VaccinationPlans } from '../immunization-records';
import { planStreamId } from '../domain/vaccination-plan.events';
import type { VaccineCatalogue } from '../domain/vaccine-catalogue';
import type { FacilityDirectory } from '../facility-directory';
import { recordDoseSchema } from './record-dose.command';

export class RecordDoseHandler {
  constructor(
    private readonly catalogue: VaccineCatalogue,
    private readonly facilities: FacilityDirectory,
    private readonly records: ImmunizationRecords,
    private readonly plans: VaccinationPlans,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, body: unknown): Promise<{ doseId: string; doseNumber: number }> {
    const input = parseInput(recordDoseSchema, body);
    requireDoseEntry(principal, input.facilityId);
    if (input.planId) await this.checkPlan(input.planId, input.facilityId, input.vaccineCode);
    const facility = await this.facilities.locate(input.facilityId, principal);
    const doseId = newId();
    const result = await this.records.handle(
      immunizationStreamId(subjectId),
      {
        type: 'RecordDose',
        subjectId,
        doseId,
        vaccineCode: input.vaccineCode,
        lotNumber: input.lotNumber,
        administeredAt: input.administeredAt,
        facilityId: input.facilityId,
        planId: input.planId ?? null,
        doseNumber: input.doseNumber,
        site: input.site ?? null,
        route: input.route ?? null,
        vaccinatorId: principal.accountId,
        facilityLocation: { provinceCode: facility.provinceCode, districtCode: facility.districtCode },
        catalogue: this.catalogue,
        now: this.clock.now(),
      },
      commandMetadata(principal, origin, this.clock.now()),
    );
    const recorded = result.events[0]?.data as DoseSnapshot;
    return { doseId, doseNumber: recorded.doseNumber };
  }

  /** A dose entered against a plan must belong to that plan's facility and vaccine. */
  private async checkPlan(planId: string, facilityId: string, vaccineCode: string): Promise<void> {
    const { state: plan } = await this.plans.load(planStreamId(planId));
    if (!plan) throw ruleBroken('unknown_plan', 'The plan named in the dose does not exist.');
    if (plan.facilityId !== facilityId) throw ruleBroken('plan_facility_mismatch', 'The plan belongs to another facility.');
    if (plan.vaccineCode !== vaccineCode) throw ruleBroken('plan_vaccine_mismatch', `The plan is for ${plan.vaccineCode}.`);
  }
}
