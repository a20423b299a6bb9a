/** Auditor and reporter accounts: national ones by the national admin, province-bound ones by that province's admin too. */
import { type AccessDenials, isNational, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { createOversightAccountSchema } from './create-oversight-account.command';
import { isKnownProvince } from '@vaxledger/contracts';
import { commandMetadata, newId, ruleBroken, type Clock } from '@vaxledger/kernel';
import type { AccountGranting } from '../granting/grant-account';

export class CreateOversightAccountHandler {
  constructor(
    private readonly denials: AccessDenials,
    private readonly granting: AccountGranting,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, body: unknown) {
    const command = parseInput(createOversightAccountSchema, body);
    const provinceCode = command.provinceCode ?? (principal.role === 'province_admin' ? principal.provinceCode : null);
    await this.denials.enforce(principal, 'identity.oversight_account.create', { provinceCode: provinceCode ?? undefined }, origin.correlationId, () =>
      isNational(principal) || (principal.role === 'province_admin' && provinceCode === principal.provinceCode),
    );
    if (provinceCode && !isKnownProvince(provinceCode)) throw ruleBroken('unknown_province', 'No province has this code.');
    const accountId = await this.granting.grant(
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
      commandMetadata(principal, origin, this.clock.now()),
    );
    return { accountId };
  }
}
