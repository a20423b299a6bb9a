/** Auditor and reporter accounts: national ones by the national admin, province-bound ones by that province's admin too. */
import { Inject, Injectable } from '@nestjs/common';
import { isNational, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { isKnownProvince } from '@vaxledger/contracts';
import { newId, ruleBroken } from '@vaxledger/kernel';
import { z } from 'zod';
import { metadataFor } from '../command-metadata';
import { personDetailsSchema } from '../domain/person-details';
import { grantAccount } from '../granting/grant-account';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';

export const createOversightAccountSchema = personDetailsSchema.extend({
  role: z.enum(['auditor', 'reporter']),
  provinceCode: z.string().trim().regex(/^\d{2}$/).nullish(),
});

@Injectable()
export class CreateOversightAccountHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(principal: Principal, command: z.infer<typeof createOversightAccountSchema>, origin: RequestOrigin) {
    const provinceCode = command.provinceCode ?? (principal.role === 'province_admin' ? principal.provinceCode : null);
    await this.ctx.denials.enforce(principal, 'identity.oversight_account.create', { provinceCode: provinceCode ?? undefined }, origin.correlationId, () =>
      isNational(principal) || (principal.role === 'province_admin' && provinceCode === principal.provinceCode),
    );
    if (provinceCode && !isKnownProvince(provinceCode)) throw ruleBroken('unknown_province', 'No province has this code.');
    const accountId = await grantAccount(
      this.ctx,
      {
        accountId: newId(),
        username: command.username,
        role: command.role,
        rights: [],
        facilityId: null,
        provinceCode,
        profile: { fullName: command.fullName, gender: command.gender, position: command.position, unit: null, email: command.email, phone: command.phone },
        requestId: null,
      },
      metadataFor(principal, this.ctx.clock.now(), origin),
    );
    return { accountId };
  }
}
