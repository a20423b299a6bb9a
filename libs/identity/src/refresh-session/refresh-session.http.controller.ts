import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { issuedTokensAnswer, issuedTokensExample } from '../sessions/issued-tokens.answer';
import { refreshSessionSchema } from './refresh-session.command';
import { RefreshSessionHandler } from './refresh-session.handler';

@ApiTags('auth')
@Controller('api/v1/auth/refresh')
export class RefreshSessionController {
  constructor(@Inject(RefreshSessionHandler) private readonly handler: RefreshSessionHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchanges a refresh token for new tokens (the refresh token is rotated)',
    description:
      '401 invalid_refresh_token: unknown, expired, started before a suspension or lock, or an earlier token of the session, which ends the whole session.',
  })
  @ApiZodBody(refreshSessionSchema, {
    name: 'RefreshSessionRequest',
    example: { refreshToken: issuedTokensExample.refreshToken },
  })
  @ApiZodResponse(200, issuedTokensAnswer, {
    name: 'IssuedTokens',
    description: 'The access token and single-use refresh token of a session',
    example: issuedTokensExample,
  })
  @ApiErrors({ 401: ['invalid_refresh_token'] })
  refresh(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
