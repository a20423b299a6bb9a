import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { accountAnswer, accountAnswerExample } from '../account-presentation';
import { ReviewAccountHandler } from './review-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts/:id')
export class ReviewAccountController {
  constructor(@Inject(ReviewAccountHandler) private readonly handler: ReviewAccountHandler) {}

  @Post('review')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirms the periodic access review of an account',
    description:
      "Sets lastReviewedAt to now. " +
      "403 out_of_scope (recorded as an access denial) outside the caller's scope, self_administration for one's own account.",
  })
  @ApiIdParam('id', 'account', accountAnswerExample.accountId)
  @ApiZodResponse(200, accountAnswer, { name: 'Account', description: 'The account with its new status', example: accountAnswerExample })
  @ApiErrors({ 403: ['out_of_scope', 'self_administration'], 404: ['account_not_found'], 409: ['CONCURRENCY_CONFLICT'] })
  review(@CurrentPrincipal() p: Principal, @Param('id', PathId('account')) id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id);
  }
}
