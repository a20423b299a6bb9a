import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { registerFacilityBodySchema } from './register-facility.command';
import { RegisterFacilityHandler } from './register-facility.handler';

@ApiTags('organisation')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/facilities')
export class RegisterFacilityController {
  constructor(@Inject(RegisterFacilityHandler) private readonly handler: RegisterFacilityHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Registers a facility (national admin, or the province admin of its province)' })
  @ApiBody({ schema: registerFacilityBodySchema })
  @ApiResponse({ status: 201, description: '{facilityId}' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 409, description: 'facility_code_taken' })
  @ApiResponse({ status: 422, description: 'unknown_province or unknown_district' })
  register(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }
}
