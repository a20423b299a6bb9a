/** Facilities of a province; principals bound to a province see their own province only. */
import type { AccessDenials, Principal, RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { listFacilitiesQuerySchema } from './list-facilities.query';
import type { FieldFilter } from '@vaxledger/kernel';
import type { FacilityView, IdentityViews } from '../read-models/identity-views';
import { seesEveryProvince } from '../scope/account-scope';

export class ListFacilitiesHandler {
  constructor(
    private readonly views: IdentityViews,
    private readonly denials: AccessDenials,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, request: unknown): Promise<{ items: FacilityView[] }> {
    const query = parseInput(listFacilitiesQuerySchema, request);
    const national = seesEveryProvince(principal);
    const provinceCode = query.provinceCode ?? (national ? undefined : (principal.provinceCode ?? undefined));
    await this.denials.enforce(principal, 'identity.facility.list', { provinceCode }, origin.correlationId, () =>
      national || (provinceCode !== undefined && provinceCode === principal.provinceCode),
    );
    const filter: FieldFilter = provinceCode ? { provinceCode } : {};
    const items = await (await this.views.facilities()).find(filter, { sort: [['provinceCode', 1], ['code', 1]] });
    return { items };
  }
}
