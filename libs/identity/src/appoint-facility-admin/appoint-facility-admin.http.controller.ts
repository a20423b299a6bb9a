import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { grantedAccountAnswer, grantedAccountAnswerExample } from '../account-presentation';
import { appointFacilityAdminSchema } from './appoint-facility-admin.command';
import { AppointFacilityAdminHandler } from './appoint-facility-admin.handler';

@ApiTags('organisation')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1')
export class AppointFacilityAdminController {
  constructor(@Inject(AppointFacilityAdminHandler) private readonly handler: AppointFacilityAdminHandler) {}

  @Post('facilities/:facilityId/admins')
  @HttpCode(201)
  @ApiOperation({
    summary: "Appoints a facility's administrator (province admin of its province, or national); sends the activation token",
    description:
      "404 facility_not_found for an unknown facility; 403 out_of_scope (recorded as an access denial) for a facility outside the caller's province; " +
      '409 username_taken when the username is already in use.',
  })
  @ApiIdParam('facilityId', 'facility', '0193a1e8-2b4d-7a9c-9e1f-7c5b3a2d8e60')
  @ApiZodBody(appointFacilityAdminSchema, {
    name: 'AppointAdministratorRequest',
    example: {
      fullName: 'Phạm Thị Hương',
      gender: 'female',
      position: 'Trưởng trạm y tế',
      email: 'huong.pham@tramyte-dienbien.example.vn',
      phone: '0912345678',
      username: 'huong.pham',
    },
  })
  @ApiZodResponse(201, grantedAccountAnswer, {
    name: 'GrantedAccount',
    description: "Granted; the account awaits activation with the token sent to the person's own e-mail",
    example: grantedAccountAnswerExample,
  })
  @ApiErrors({ 403: ['out_of_scope'], 404: ['facility_not_found'], 409: ['username_taken'] })
  facilityAdmin(
    @CurrentPrincipal() principal: Principal,
    @Param('facilityId', PathId('facility')) facilityId: string,
    @Body() body: unknown,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, facilityId, body);
  }
}
