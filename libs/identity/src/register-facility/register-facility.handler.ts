/** Registers a vaccination site in a province (national admin, or the province admin of that province). */
import { Inject, Injectable } from '@nestjs/common';
import { administersProvince, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { isKnownDistrict, isKnownProvince } from '@vaxledger/contracts';
import { conflict, newId, ruleBroken } from '@vaxledger/kernel';
import { z } from 'zod';
import { metadataFor } from '../command-metadata';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { identityStreams } from '../identity-streams';

export const registerFacilitySchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9._-]{0,31}$/, 'code: 1–32 letters, digits, ".", "_" or "-"'),
  name: z.string().trim().min(1).max(200),
  provinceCode: z.string().trim().regex(/^\d{2}$/, 'provinceCode: two digits (GSO code)'),
  districtCode: z.string().trim().regex(/^\d{3}$/, 'districtCode: three digits (GSO code)').nullish(),
});

export const registerFacilityBodySchema = {
  type: 'object',
  required: ['code', 'name', 'provinceCode'],
  properties: {
    code: { type: 'string', example: 'HN-BD-001' },
    name: { type: 'string', example: 'Trạm Y tế phường Điện Biên' },
    provinceCode: { type: 'string', example: '01' },
    districtCode: { type: 'string', example: '001' },
  },
};

@Injectable()
export class RegisterFacilityHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(principal: Principal, command: z.infer<typeof registerFacilitySchema>, origin: RequestOrigin) {
    const { ctx } = this;
    await ctx.denials.enforce(principal, 'identity.facility.register', { provinceCode: command.provinceCode }, origin.correlationId, () =>
      administersProvince(principal, command.provinceCode),
    );
    if (!isKnownProvince(command.provinceCode)) throw ruleBroken('unknown_province', 'No province has this code.');
    const districtCode = command.districtCode ?? null;
    if (districtCode && !isKnownDistrict(command.provinceCode, districtCode)) {
      throw ruleBroken('unknown_district', 'This district is not part of the province.');
    }
    const meta = metadataFor(principal, ctx.clock.now(), origin);
    const facilityId = newId();
    if (!(await ctx.write.claim(identityStreams.facilityCodeReservation(command.code), facilityId, meta))) {
      throw conflict('facility_code_taken', 'Another facility already has this code.');
    }
    await ctx.write.facilities.handle(
      identityStreams.facility(facilityId),
      { type: 'RegisterFacility', facilityId, code: command.code, name: command.name, provinceCode: command.provinceCode, districtCode, now: meta.now },
      meta,
    );
    return { facilityId };
  }
}
