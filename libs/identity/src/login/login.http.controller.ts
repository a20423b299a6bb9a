import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { loginBodySchema } from './login.command';
import { LoginHandler } from './login.handler';

@ApiTags('auth')
@Controller('api/v1/auth/login')
export class LoginController {
  constructor(@Inject(LoginHandler) private readonly handler: LoginHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Password step of sign-in: returns a one-time-code challenge, never a token' })
  @ApiBody({ schema: loginBodySchema })
  @ApiResponse({ status: 200, description: '{challengeId, method: "totp"|"sms"|"email", expiresAt}' })
  @ApiResponse({ status: 401, description: 'invalid_credentials (unknown user and wrong password alike)' })
  @ApiResponse({ status: 423, description: 'account_locked (after 10 wrong one-time codes, or 100 wrong passwords in a row)' })
  @ApiResponse({
    status: 429,
    description:
      'rate_limited + Retry-After, before any password check: too many attempts from this address or on this username, the wait after repeated wrong passwords, or too many sign-ins being checked at once',
  })
  login(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
