import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { LoginHistoryHandler } from './login-history.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/login-history')
export class LoginHistoryController {
  constructor(@Inject(LoginHistoryHandler) private readonly handler: LoginHistoryHandler) {}

  @Get()
  @ApiOperation({ summary: 'Sign-in attempts with time, IP, user agent, method and outcome (own, or an account in scope)' })
  @ApiQuery({ name: 'accountId', required: false })
  @ApiQuery({ name: 'username', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 timestamp or YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601 timestamp or YYYY-MM-DD' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiResponse({ status: 200, description: '{items:[{attemptId, challengeId, accountId, at, ip, userAgent, stage, method, outcome}]} newest first' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  history(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
