import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { registeredFacilityAnswer } from './register-facility.answer';
import { registerFacilitySchema } from './register-facility.command';
import { RegisterFacilityHandler } from './register-facility.handler';

@ApiTags('organisation')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/facilities')
export class RegisterFacilityController {
  constructor(@Inject(RegisterFacilityHandler) private readonly handler: RegisterFacilityHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Registers a facility (national admin, or the province admin of its province)',
    description:
      'The code is stored upper-cased and is unique across the country (409 facility_code_taken). Province and district are GSO codes: ' +
      '422 unknown_province for a code no province has, unknown_district for a district outside the province.',
  })
  @ApiZodBody(registerFacilitySchema, {
    name: 'RegisterFacilityRequest',
    example: { code: 'HN-BD-001', name: 'Trạm Y tế phường Điện Biên', provinceCode: '01', districtCode: '001' },
  })
  @ApiZodResponse(201, registeredFacilityAnswer, {
    name: 'RegisteredFacility',
    description: 'Registered',
    example: { facilityId: '0193a1e8-2b4d-7a9c-9e1f-7c5b3a2d8e60' },
  })
  @ApiErrors({ 403: ['out_of_scope'], 409: ['facility_code_taken'], 422: ['unknown_province', 'unknown_district'] })
  register(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }
}
