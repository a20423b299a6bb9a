import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ReviewAccountHandler } from './review-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts/:id')
export class ReviewAccountController {
  constructor(@Inject(ReviewAccountHandler) private readonly handler: ReviewAccountHandler) {}

  @Post('review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirms the periodic access review of an account' })
  @ApiResponse({ status: 200, description: 'The account with its new status' })
  review(@CurrentPrincipal() p: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id);
  }
}
