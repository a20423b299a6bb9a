import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { grantedAccountAnswer, grantedAccountAnswerExample } from '../account-presentation';
import { createOversightAccountSchema } from './create-oversight-account.command';
import { CreateOversightAccountHandler } from './create-oversight-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts')
export class CreateOversightAccountController {
  constructor(@Inject(CreateOversightAccountHandler) private readonly handler: CreateOversightAccountHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Creates an auditor or reporter account (national admin; a province admin for its own province)',
    description:
      "Without provinceCode the account is national when the national admin creates it, and bound to the province admin's own province otherwise. " +
      '403 out_of_scope (recorded as an access denial) for another province or any other caller; 422 unknown_province for a code no province has; ' +
      '409 username_taken when the username is already in use. The activation token goes to the person\'s own e-mail.',
  })
  @ApiZodBody(createOversightAccountSchema, {
    name: 'CreateOversightAccountRequest',
    example: {
      fullName: 'Đỗ Thị Mai',
      gender: 'female',
      position: 'Thanh tra viên',
      email: 'mai.do@soyte-hcm.example.vn',
      phone: '0938123456',
      username: 'mai.do.hcm',
      role: 'auditor',
      provinceCode: '79',
    },
  })
  @ApiZodResponse(201, grantedAccountAnswer, {
    name: 'GrantedAccount',
    description: "Granted; the account awaits activation with the token sent to the person's own e-mail",
    example: grantedAccountAnswerExample,
  })
  @ApiErrors({ 403: ['out_of_scope'], 409: ['username_taken'], 422: ['unknown_province'] })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }
}
