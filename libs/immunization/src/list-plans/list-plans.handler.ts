import { isNational, outOfScope, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import type { FieldFilter } from '@vaxledger/kernel';
import { requirePlanner } from '../access/immunization-scope';
import type { FacilityDirectory } from '../facility-directory';
import type { ImmunizationReadModels } from '../read-models/immunization-read-models';
import { listPlansQuerySchema } from './list-plans.query';

const pageLimit = 500;

export class ListPlansHandler {
  constructor(
    private readonly readModels: ImmunizationReadModels,
    private readonly facilities: FacilityDirectory,
  ) {}

  /** Without a facility: facility people see their own, province admins their province, national admins all. */
  async execute(principal: Principal, origin: RequestOrigin, request: unknown) {
    const query = parseInput(listPlansQuerySchema, request);
    const filter: FieldFilter = {};
    if (query.facilityId) {
      requirePlanner(principal, await this.facilities.locate(query.facilityId, principal));
      filter.facilityId = query.facilityId;
    } else if (principal.facilityId && (principal.role === 'staff' || principal.role === 'facility_admin')) {
      filter.facilityId = principal.facilityId;
    } else if (principal.role === 'province_admin' && principal.provinceCode) {
      filter.provinceCode = principal.provinceCode;
    } else if (!isNational(principal)) {
      throw outOfScope('Plans are for facility staff and administrators.');
    }
    if (query.from || query.to) filter.date = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
    const plans = await (await this.readModels.plans()).find(filter, { sort: [['date', 1]], limit: pageLimit });
    return {
      items: plans.map((plan) => ({
        planId: plan.id,
        facilityId: plan.facilityId,
        provinceCode: plan.provinceCode,
        date: plan.date,
        vaccineCode: plan.vaccineCode,
        capacity: plan.capacity,
        booked: plan.subjectIds.length,
      })),
    };
  }
}
