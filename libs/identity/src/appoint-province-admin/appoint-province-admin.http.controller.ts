import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { personBody } from '../granting/administrator-grant';
import { AppointProvinceAdminHandler } from './appoint-province-admin.handler';

@ApiTags('organisation')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1')
export class AppointProvinceAdminController {
  constructor(@Inject(AppointProvinceAdminHandler) private readonly handler: AppointProvinceAdminHandler) {}

  @Post('provinces/:provinceCode/admins')
  @HttpCode(201)
  @ApiOperation({ summary: "Appoints a province health department's administrator (national admin); sends the activation token" })
  @ApiBody({ schema: personBody })
  @ApiResponse({ status: 201, description: '{accountId}' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 409, description: 'username_taken' })
  provinceAdmin(
    @CurrentPrincipal() principal: Principal,
    @Param('provinceCode') provinceCode: string,
    @Body() body: unknown,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, provinceCode, body);
  }
}
