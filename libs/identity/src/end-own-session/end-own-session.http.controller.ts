import { Controller, Delete, HttpCode, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { EndOwnSessionHandler } from './end-own-session.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/sessions')
export class EndOwnSessionController {
  constructor(@Inject(EndOwnSessionHandler) private readonly handler: EndOwnSessionHandler) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: "Ends one of the caller's sessions",
    description: "404 session_not_found for an unknown or ended session, and for another account's session alike.",
  })
  @ApiIdParam('id', 'session (a sessionId from GET /api/v1/auth/sessions)', 'b5d08e3f-1c72-4a9e-b6f4-3e8a2d7c0915')
  @ApiZodResponse(204, null, { name: 'SessionEnded', description: 'Session ended' })
  @ApiErrors({ 404: ['session_not_found'] })
  async end(@CurrentPrincipal() principal: Principal, @Param('id', PathId('session')) id: string, @CurrentOrigin() origin: RequestOrigin) {
    await this.handler.execute(principal, origin, id);
  }
}
