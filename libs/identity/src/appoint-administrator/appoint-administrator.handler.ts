/**
 * Appointing administrators (R5): the national admin appoints province admins; the province admin of a
 * facility's province (or the national admin) appoints its facility admins. Both await activation.
 */
import { Inject, Injectable } from '@nestjs/common';
import { administersProvince, isNational, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { isKnownProvince } from '@vaxledger/contracts';
import { newId, ruleBroken } from '@vaxledger/kernel';
import { metadataFor } from '../command-metadata';
import type { PersonDetails } from '../domain/person-details';
import { grantAccount } from '../granting/grant-account';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';

@Injectable()
export class AppointAdministratorHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async provinceAdmin(principal: Principal, provinceCode: string, person: PersonDetails, origin: RequestOrigin) {
    await this.ctx.denials.enforce(principal, 'identity.province_admin.appoint', { provinceCode }, origin.correlationId, () => isNational(principal));
    if (!isKnownProvince(provinceCode)) throw ruleBroken('unknown_province', 'No province has this code.');
    return this.grant(principal, person, { role: 'province_admin', provinceCode, facilityId: null }, origin);
  }

  async facilityAdmin(principal: Principal, facilityId: string, person: PersonDetails, origin: RequestOrigin) {
    const facility = await this.ctx.write.facility(facilityId);
    await this.ctx.denials.enforce(
      principal,
      'identity.facility_admin.appoint',
      { facilityId, provinceCode: facility.provinceCode },
      origin.correlationId,
      () => administersProvince(principal, facility.provinceCode),
    );
    return this.grant(principal, person, { role: 'facility_admin', provinceCode: facility.provinceCode, facilityId }, origin);
  }

  private async grant(
    principal: Principal,
    person: PersonDetails,
    scope: { role: 'province_admin' | 'facility_admin'; provinceCode: string; facilityId: string | null },
    origin: RequestOrigin,
  ) {
    const accountId = await grantAccount(
      this.ctx,
      {
        accountId: newId(),
        username: person.username,
        role: scope.role,
        rights: [],
        facilityId: scope.facilityId,
        provinceCode: scope.provinceCode,
        profile: { fullName: person.fullName, gender: person.gender, position: person.position, unit: null, email: person.email, phone: person.phone },
        requestId: null,
      },
      metadataFor(principal, this.ctx.clock.now(), origin),
    );
    return { accountId };
  }
}
