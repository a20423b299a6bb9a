/**
 * POST /provinces/:provinceCode/admins (R5): the national admin appoints a province health department's administrator; the
 * account awaits activation (the activation token goes to the person's own email).
 */
import { type AccessDenials, isNational, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { isKnownProvince } from '@vaxledger/contracts';
import { commandMetadata, newId, ruleBroken, type Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { administratorGrant } from '../granting/administrator-grant';
import type { AccountGranting } from '../granting/grant-account';
import { appointProvinceAdminSchema } from './appoint-province-admin.command';

export class AppointProvinceAdminHandler {
  constructor(
    private readonly denials: AccessDenials,
    private readonly granting: AccountGranting,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, provinceCode: string, body: unknown) {
    const person = parseInput(appointProvinceAdminSchema, body);
    await this.denials.enforce(principal, 'identity.province_admin.appoint', { provinceCode }, origin.correlationId, () => isNational(principal));
    if (!isKnownProvince(provinceCode)) throw ruleBroken('unknown_province', 'No province has this code.');
    const grant = administratorGrant(newId(), person, { role: 'province_admin', provinceCode, facilityId: null });
    return { accountId: await this.granting.grant(grant, commandMetadata(principal, origin, this.clock.now())) };
  }
}
