import { Controller, Delete, HttpCode, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { EndOwnSessionHandler } from './end-own-session.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/sessions')
export class EndOwnSessionController {
  constructor(@Inject(EndOwnSessionHandler) private readonly handler: EndOwnSessionHandler) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Ends one of the caller's sessions" })
  @ApiResponse({ status: 204, description: 'Session ended' })
  @ApiResponse({ status: 404, description: 'session_not_found' })
  async end(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    await this.handler.execute(principal, origin, id);
  }
}
