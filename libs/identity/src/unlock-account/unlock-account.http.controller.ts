import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { UnlockAccountHandler } from './unlock-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts/:id')
export class UnlockAccountController {
  constructor(@Inject(UnlockAccountHandler) private readonly handler: UnlockAccountHandler) {}

  @Post('unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lifts a lock caused by consecutive failed sign-ins' })
  @ApiResponse({ status: 200, description: 'The account with its new status' })
  unlock(@CurrentPrincipal() p: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id);
  }
}
