/**
 * Appointing administrators (R5): the national admin appoints province admins; the province admin of a
 * facility's province (or the national admin) appoints its facility admins. Both await activation.
 */
import { administersProvince, isNational, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { isKnownProvince } from '@vaxledger/contracts';
import { commandMetadata, newId, ruleBroken, type Clock } from '@vaxledger/kernel';
import type { PersonDetails } from '../domain/person-details';
import type { IdentityWriteModel } from '../identity-write-model';
import type { AccessDenials } from '../scope/access-denials';
import type { AccountGranting } from '../granting/grant-account';

export class AppointAdministratorHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly denials: AccessDenials,
    private readonly granting: AccountGranting,
    private readonly clock: Clock,
  ) {}

  async provinceAdmin(principal: Principal, origin: RequestOrigin, provinceCode: string, person: PersonDetails) {
    await this.denials.enforce(principal, 'identity.province_admin.appoint', { provinceCode }, origin.correlationId, () => isNational(principal));
    if (!isKnownProvince(provinceCode)) throw ruleBroken('unknown_province', 'No province has this code.');
    return this.grant(principal, person, { role: 'province_admin', provinceCode, facilityId: null }, origin);
  }

  async facilityAdmin(principal: Principal, origin: RequestOrigin, facilityId: string, person: PersonDetails) {
    const facility = await this.write.facility(facilityId);
    await this.denials.enforce(
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
    const accountId = await this.granting.grant({
        accountId: newId(),
        username: person.username,
        role: scope.role,
        rights: [],
        facilityId: scope.facilityId,
        provinceCode: scope.provinceCode,
        profile: { fullName: person.fullName, gender: person.gender, position: person.position, unit: null, email: person.email, phone: person.phone },
        requestId: null,
      },
      commandMetadata(principal, origin, this.clock.now()),
    );
    return { accountId };
  }
}
