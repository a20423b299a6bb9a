import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { accountAnswer, accountAnswerExample } from '../account-presentation';
import { GetAccountHandler } from './get-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts')
export class GetAccountController {
  constructor(@Inject(GetAccountHandler) private readonly handler: GetAccountHandler) {}

  @Get(':id')
  @ApiOperation({
    summary: 'One account (own, or within scope)',
    description:
      "One's own account, or one the caller administers or audits; reading someone else's leaves an access record in the audit trail. " +
      '403 out_of_scope (recorded as an access denial) for any other account.',
  })
  @ApiIdParam('id', 'account', accountAnswerExample.accountId)
  @ApiZodResponse(200, accountAnswer, { name: 'Account', description: 'The account', example: accountAnswerExample })
  @ApiErrors({ 403: ['out_of_scope'], 404: ['account_not_found'] })
  get(@CurrentPrincipal() principal: Principal, @Param('id', PathId('account')) id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id);
  }
}
