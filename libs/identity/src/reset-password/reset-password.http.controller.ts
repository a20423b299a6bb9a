import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { accountAnswerExample } from '../account-presentation';
import { passwordResetIssuedAnswer } from './reset-password.answer';
import { ResetPasswordHandler } from './reset-password.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts/:id')
export class ResetPasswordController {
  constructor(@Inject(ResetPasswordHandler) private readonly handler: ResetPasswordHandler) {}

  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary:
      "Resets an account's password (whoever may suspend it): the old password stops working, every token and session issued before it stays refused (401 session_revoked) even after reinstatement, and a single-use reset token goes to the person's own e-mail (outbox purpose password_reset)",
    description:
      "403 out_of_scope (recorded as an access denial) outside the caller's scope, self_administration for one's own account; " +
      '422 account_state while the account has not finished activation (send a new activation token instead).',
  })
  @ApiIdParam('id', 'account', accountAnswerExample.accountId)
  @ApiZodResponse(202, passwordResetIssuedAnswer, {
    name: 'PasswordResetIssued',
    description: 'The reset token was sent to the account holder; it is never in the answer',
    example: { accountId: accountAnswerExample.accountId, expiresAt: '2026-10-05T03:40:00.000Z' },
  })
  @ApiErrors({ 403: ['out_of_scope', 'self_administration'], 404: ['account_not_found'], 422: ['account_state'] })
  reset(@CurrentPrincipal() p: Principal, @Param('id', PathId('account')) id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id);
  }
}
