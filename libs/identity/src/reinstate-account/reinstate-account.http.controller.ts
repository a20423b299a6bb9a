import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { accountAnswer, accountAnswerExample } from '../account-presentation';
import { ReinstateAccountHandler } from './reinstate-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts/:id')
export class ReinstateAccountController {
  constructor(@Inject(ReinstateAccountHandler) private readonly handler: ReinstateAccountHandler) {}

  @Post('reinstate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reinstates a suspended account in scope',
    description:
      "Tokens and sessions issued before the suspension stay refused; reinstating an account that is not suspended changes nothing. " +
      "403 out_of_scope (recorded as an access denial) outside the caller's scope, self_administration for one's own account.",
  })
  @ApiIdParam('id', 'account', accountAnswerExample.accountId)
  @ApiZodResponse(200, accountAnswer, { name: 'Account', description: 'The account with its new status', example: accountAnswerExample })
  @ApiErrors({ 403: ['out_of_scope', 'self_administration'], 404: ['account_not_found'], 409: ['CONCURRENCY_CONFLICT'] })
  reinstate(@CurrentPrincipal() p: Principal, @Param('id', PathId('account')) id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id);
  }
}
