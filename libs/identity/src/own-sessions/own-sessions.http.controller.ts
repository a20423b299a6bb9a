import { Controller, Delete, Get, HttpCode, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { OwnSessionsHandler } from './own-sessions.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/sessions')
export class OwnSessionsController {
  constructor(@Inject(OwnSessionsHandler) private readonly handler: OwnSessionsHandler) {}

  @Get()
  @ApiOperation({ summary: "Lists the caller's live sessions" })
  @ApiResponse({ status: 200, description: '{items:[{sessionId, current, createdAt, lastUsedAt, absoluteExpiresAt, ip, userAgent}]}' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.handler.list(principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Ends one of the caller's sessions" })
  @ApiResponse({ status: 204, description: 'Session ended' })
  @ApiResponse({ status: 404, description: 'session_not_found' })
  async end(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    await this.handler.end(principal, origin, id);
  }
}
