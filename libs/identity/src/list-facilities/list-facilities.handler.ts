/** Facilities of a province; principals bound to a province see their own province only. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import type { FieldFilter } from '@vaxledger/kernel';
import { z } from 'zod';
import type { FacilityView, IdentityViews } from '../read-models/identity-views';
import { seesEveryProvince } from '../scope/account-scope';
import type { AccessDenials } from '../scope/access-denials';

export const listFacilitiesQuerySchema = z.object({
  provinceCode: z.string().trim().regex(/^\d{2}$/).optional(),
});

export class ListFacilitiesHandler {
  constructor(
    private readonly views: IdentityViews,
    private readonly denials: AccessDenials,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, query: z.infer<typeof listFacilitiesQuerySchema>): Promise<{ items: FacilityView[] }> {
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
