import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { errorBodySchema } from '@vaxledger/runtime';
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
  })
  @ApiResponse({
    status: 202,
    description: 'The reset token was sent to the account holder; it is never in the answer',
    schema: { type: 'object', properties: { accountId: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } },
  })
  @ApiResponse({ status: 401, description: 'unauthenticated or session_revoked', schema: errorBodySchema })
  @ApiResponse({ status: 403, description: 'out_of_scope (recorded as an access denial) or self_administration', schema: errorBodySchema })
  @ApiResponse({ status: 404, description: 'account_not_found', schema: errorBodySchema })
  @ApiResponse({ status: 422, description: 'account_state: the account has not finished activation', schema: errorBodySchema })
  reset(@CurrentPrincipal() p: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id);
  }
}
