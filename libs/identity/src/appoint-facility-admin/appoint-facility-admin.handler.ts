/**
 * POST /facilities/:facilityId/admins (R5): the province admin of the facility's province (or the national
 * admin) appoints the facility's administrator; the account awaits activation.
 */
import { type AccessDenials, administersProvince, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, newId, type Clock } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { administratorGrant } from '../granting/administrator-grant';
import type { AccountGranting } from '../granting/grant-account';
import type { IdentityWriteModel } from '../identity-write-model';
import { appointFacilityAdminSchema } from './appoint-facility-admin.command';

export class AppointFacilityAdminHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly denials: AccessDenials,
    private readonly granting: AccountGranting,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, facilityId: string, body: unknown) {
    const person = parseInput(appointFacilityAdminSchema, body);
    const facility = await this.write.facility(facilityId);
    await this.denials.enforce(
      principal,
      'identity.facility_admin.appoint',
      { facilityId, provinceCode: facility.provinceCode },
      origin.correlationId,
      () => administersProvince(principal, facility.provinceCode),
    );
    const grant = administratorGrant(newId(), person, { role: 'facility_admin', provinceCode: facility.provinceCode, facilityId });
    return { accountId: await this.granting.grant(grant, commandMetadata(principal, origin, this.clock.now())) };
  }
}
