import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { RefreshSessionHandler } from './refresh-session.handler';

@ApiTags('auth')
@Controller('api/v1/auth/refresh')
export class RefreshSessionController {
  constructor(@Inject(RefreshSessionHandler) private readonly handler: RefreshSessionHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchanges a refresh token for new tokens (the refresh token is rotated)' })
  @ApiBody({ schema: { type: 'object', required: ['refreshToken'], properties: { refreshToken: { type: 'string' } } } })
  @ApiResponse({ status: 200, description: '{accessToken, refreshToken, expiresIn, tokenType}' })
  @ApiResponse({
    status: 401,
    description:
      'invalid_refresh_token (unknown, expired, started before a suspension or lock, or an earlier token of the session — which ends the whole session)',
  })
  refresh(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
