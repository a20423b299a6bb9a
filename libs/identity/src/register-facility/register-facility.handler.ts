/** Registers a vaccination site in a province (national admin, or the province admin of that province). */
import { type AccessDenials, administersProvince, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { registerFacilitySchema } from './register-facility.command';
import { isKnownDistrict, isKnownProvince } from '@vaxledger/contracts';
import { commandMetadata, conflict, newId, ruleBroken, type Clock } from '@vaxledger/kernel';
import { identityStreams } from '../identity-streams';
import type { IdentityWriteModel } from '../identity-write-model';

export class RegisterFacilityHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly denials: AccessDenials,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, body: unknown) {
    const command = parseInput(registerFacilitySchema, body);
    await this.denials.enforce(principal, 'identity.facility.register', { provinceCode: command.provinceCode }, origin.correlationId, () =>
      administersProvince(principal, command.provinceCode),
    );
    if (!isKnownProvince(command.provinceCode)) throw ruleBroken('unknown_province', 'No province has this code.');
    const districtCode = command.districtCode ?? null;
    if (districtCode && !isKnownDistrict(command.provinceCode, districtCode)) {
      throw ruleBroken('unknown_district', 'This district is not part of the province.');
    }
    const meta = commandMetadata(principal, origin, this.clock.now());
    const facilityId = newId();
    if (!(await this.write.claim(identityStreams.facilityCodeReservation(command.code), facilityId, meta))) {
      throw conflict('facility_code_taken', 'Another facility already has this code.');
    }
    await this.write.facilities.handle(
      identityStreams.facility(facilityId),
      { type: 'RegisterFacility', facilityId, code: command.code, name: command.name, provinceCode: command.provinceCode, districtCode, now: meta.now },
      meta,
    );
    return { facilityId };
  }
}
