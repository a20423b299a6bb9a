import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { accountAnswer, accountAnswerExample } from '../account-presentation';
import { suspendAccountSchema } from './suspend-account.command';
import { SuspendAccountHandler } from './suspend-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts/:id')
export class SuspendAccountController {
  constructor(@Inject(SuspendAccountHandler) private readonly handler: SuspendAccountHandler) {}

  @Post('suspend')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Suspends an account in scope; every session of it ends at once, and every token issued before it stays refused (401 session_revoked) even after reinstatement',
    description:
      'The body is optional; without a reason the suspension reads "suspended by an administrator". Suspending a suspended account changes nothing. ' +
      '403 out_of_scope (recorded as an access denial) outside the caller\'s scope, self_administration for one\'s own account.',
  })
  @ApiIdParam('id', 'account', accountAnswerExample.accountId)
  @ApiZodBody(suspendAccountSchema, {
    name: 'SuspendAccountRequest',
    required: false,
    example: { reason: 'Đã nghỉ việc tại trạm y tế từ ngày 01/10/2026' },
  })
  @ApiZodResponse(200, accountAnswer, {
    name: 'Account',
    description: 'The account with its new status',
    example: accountAnswerExample,
  })
  @ApiErrors({ 403: ['out_of_scope', 'self_administration'], 404: ['account_not_found'], 409: ['CONCURRENCY_CONFLICT'] })
  suspend(@CurrentPrincipal() p: Principal, @Param('id', PathId('account')) id: string, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id, body);
  }
}
