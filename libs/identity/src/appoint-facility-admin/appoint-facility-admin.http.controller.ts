import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { personBody } from '../granting/administrator-grant';
import { AppointFacilityAdminHandler } from './appoint-facility-admin.handler';

@ApiTags('organisation')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1')
export class AppointFacilityAdminController {
  constructor(@Inject(AppointFacilityAdminHandler) private readonly handler: AppointFacilityAdminHandler) {}

  @Post('facilities/:facilityId/admins')
  @HttpCode(201)
  @ApiOperation({ summary: "Appoints a facility's administrator (province admin of its province, or national); sends the activation token" })
  @ApiBody({ schema: personBody })
  @ApiResponse({ status: 201, description: '{accountId}' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 404, description: 'facility_not_found' })
  facilityAdmin(
    @CurrentPrincipal() principal: Principal,
    @Param('facilityId') facilityId: string,
    @Body() body: unknown,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, facilityId, body);
  }
}
