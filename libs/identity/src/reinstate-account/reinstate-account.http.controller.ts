import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ReinstateAccountHandler } from './reinstate-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts/:id')
export class ReinstateAccountController {
  constructor(@Inject(ReinstateAccountHandler) private readonly handler: ReinstateAccountHandler) {}

  @Post('reinstate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reinstates a suspended account in scope' })
  @ApiResponse({ status: 200, description: 'The account with its new status' })
  reinstate(@CurrentPrincipal() p: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id);
  }
}
