import { Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiZodResponse } from '@vaxledger/runtime';
import { LogoutHandler } from './logout.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/logout')
export class LogoutController {
  constructor(@Inject(LogoutHandler) private readonly handler: LogoutHandler) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends the current session at once (its access and refresh tokens stop working)' })
  @ApiZodResponse(204, null, { name: 'SessionEnded', description: 'Session ended' })
  async logout(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin): Promise<void> {
    await this.handler.execute(principal, origin);
  }
}
