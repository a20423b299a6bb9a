/** Facilities of a province; principals bound to a province see their own province only. */
import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import type { FieldFilter } from '@vaxledger/kernel';
import { z } from 'zod';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import type { FacilityView } from '../read-models/identity-views';
import { seesEveryProvince } from '../scope/account-scope';

export const listFacilitiesQuerySchema = z.object({
  provinceCode: z.string().trim().regex(/^\d{2}$/).optional(),
});

@Injectable()
export class ListFacilitiesHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(principal: Principal, query: z.infer<typeof listFacilitiesQuerySchema>, origin: RequestOrigin): Promise<{ items: FacilityView[] }> {
    const national = seesEveryProvince(principal);
    const provinceCode = query.provinceCode ?? (national ? undefined : (principal.provinceCode ?? undefined));
    await this.ctx.denials.enforce(principal, 'identity.facility.list', { provinceCode }, origin.correlationId, () =>
      national || (provinceCode !== undefined && provinceCode === principal.provinceCode),
    );
    const filter: FieldFilter = provinceCode ? { provinceCode } : {};
    const items = await (await this.ctx.views.facilities()).find(filter, { sort: [['provinceCode', 1], ['code', 1]] });
    return { items };
  }
}
