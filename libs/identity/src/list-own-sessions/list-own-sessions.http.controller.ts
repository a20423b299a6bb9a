import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ListOwnSessionsHandler } from './list-own-sessions.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/sessions')
export class ListOwnSessionsController {
  constructor(@Inject(ListOwnSessionsHandler) private readonly handler: ListOwnSessionsHandler) {}

  @Get()
  @ApiOperation({ summary: "Lists the caller's live sessions" })
  @ApiResponse({ status: 200, description: '{items:[{sessionId, current, createdAt, lastUsedAt, absoluteExpiresAt, ip, userAgent}]}' })
  list(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin);
  }
}
