import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiPathParam, ApiZodBody, ApiZodResponse, PathPattern } from '@vaxledger/runtime';
import { grantedAccountAnswer, grantedAccountAnswerExample } from '../account-presentation';
import { appointProvinceAdminSchema } from './appoint-province-admin.command';
import { AppointProvinceAdminHandler } from './appoint-province-admin.handler';

/** A province's GSO code: two digits; one no province has is 422 unknown_province. */
const provinceCodePattern = /^[0-9]{2}$/;

@ApiTags('organisation')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1')
export class AppointProvinceAdminController {
  constructor(@Inject(AppointProvinceAdminHandler) private readonly handler: AppointProvinceAdminHandler) {}

  @Post('provinces/:provinceCode/admins')
  @HttpCode(201)
  @ApiOperation({
    summary: "Appoints a province health department's administrator (national admin); sends the activation token",
    description:
      '403 out_of_scope (recorded as an access denial) for anyone but the national admin; 422 unknown_province for a code no province has; ' +
      '409 username_taken when the username is already in use.',
  })
  @ApiPathParam('provinceCode', 'The GSO code of the province (two digits)', provinceCodePattern, '48')
  @ApiZodBody(appointProvinceAdminSchema, {
    name: 'AppointAdministratorRequest',
    example: {
      fullName: 'Lê Văn Hùng',
      gender: 'male',
      position: 'Phó Giám đốc Sở Y tế',
      email: 'hung.le@soyte-danang.example.vn',
      phone: '0905123456',
      username: 'hung.le.dn',
    },
  })
  @ApiZodResponse(201, grantedAccountAnswer, {
    name: 'GrantedAccount',
    description: "Granted; the account awaits activation with the token sent to the person's own e-mail",
    example: grantedAccountAnswerExample,
  })
  @ApiErrors({ 403: ['out_of_scope'], 409: ['username_taken'], 422: ['unknown_province'] })
  provinceAdmin(
    @CurrentPrincipal() principal: Principal,
    @Param('provinceCode', PathPattern(provinceCodePattern, 'province code')) provinceCode: string,
    @Body() body: unknown,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, provinceCode, body);
  }
}
