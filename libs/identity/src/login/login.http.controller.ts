import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { otpChallengeAnswer, otpChallengeExample } from './login.answer';
import { loginSchema } from './login.command';
import { LoginHandler } from './login.handler';

@ApiTags('auth')
@Controller('api/v1/auth/login')
export class LoginController {
  constructor(@Inject(LoginHandler) private readonly handler: LoginHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Password step of sign-in: returns a one-time-code challenge, never a token',
    description:
      '401 invalid_credentials for an unknown username and a wrong password alike. 403 account_suspended or account_not_activated only after the right password. ' +
      '423 account_locked (details.lockedUntil, details.retryAfterSeconds) after 10 wrong one-time codes, or 100 wrong passwords in a row. ' +
      '429 rate_limited with Retry-After, before any password check: too many attempts from this address or on this username, the wait after repeated wrong passwords, or too many sign-ins being checked at once.',
  })
  @ApiZodBody(loginSchema, {
    name: 'LoginRequest',
    example: { username: 'nguyen.thi.lan', password: 'Hoa-sen-no-trong-dam-2024' },
  })
  @ApiZodResponse(200, otpChallengeAnswer, {
    name: 'OtpChallenge',
    description: 'An open one-time-code challenge; answer it with the code',
    example: otpChallengeExample,
  })
  @ApiErrors({
    401: ['invalid_credentials'],
    403: ['account_suspended', 'account_not_activated'],
    423: ['account_locked'],
    429: ['rate_limited'],
  })
  login(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
