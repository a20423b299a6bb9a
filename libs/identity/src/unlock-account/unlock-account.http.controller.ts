import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { accountAnswer, accountAnswerExample } from '../account-presentation';
import { UnlockAccountHandler } from './unlock-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts/:id')
export class UnlockAccountController {
  constructor(@Inject(UnlockAccountHandler) private readonly handler: UnlockAccountHandler) {}

  @Post('unlock')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lifts a lock caused by consecutive failed sign-ins',
    description:
      "Also clears the failure counters and the earlier locks, so the next back-off starts short again; unlocking an account that is not locked changes nothing. " +
      "403 out_of_scope (recorded as an access denial) outside the caller's scope, self_administration for one's own account.",
  })
  @ApiIdParam('id', 'account', accountAnswerExample.accountId)
  @ApiZodResponse(200, accountAnswer, { name: 'Account', description: 'The account with its new status', example: accountAnswerExample })
  @ApiErrors({ 403: ['out_of_scope', 'self_administration'], 404: ['account_not_found'], 409: ['CONCURRENCY_CONFLICT'] })
  unlock(@CurrentPrincipal() p: Principal, @Param('id', PathId('account')) id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id);
  }
}
