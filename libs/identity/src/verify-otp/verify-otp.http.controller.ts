import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { issuedTokensAnswer, issuedTokensExample } from '../sessions/issued-tokens.answer';
import { verifyOtpSchema } from './verify-otp.command';
import { VerifyOtpHandler } from './verify-otp.handler';

@ApiTags('auth')
@Controller('api/v1/auth/otp/verify')
export class VerifyOtpController {
  constructor(@Inject(VerifyOtpHandler) private readonly handler: VerifyOtpHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'One-time-code step of sign-in: returns the access and refresh tokens',
    description:
      '401 invalid_otp or otp_replayed (details.remainingAttempts), or otp_challenge_invalid: the challenge expired, was used, belongs to no sign-in, or has had five attempts (attempts are counted before they are judged). ' +
      '423 account_locked (details.lockedUntil) after 10 wrong or replayed codes in a row.',
  })
  @ApiZodBody(verifyOtpSchema, {
    name: 'VerifyOtpRequest',
    example: { challengeId: 'c4a1e7d2-5b3f-4e8a-9c6d-0f2b7a1e3d58', code: '482915' },
  })
  @ApiZodResponse(200, issuedTokensAnswer, {
    name: 'IssuedTokens',
    description: 'The access token and single-use refresh token of a session',
    example: issuedTokensExample,
  })
  @ApiErrors({
    401: ['invalid_otp', 'otp_replayed', 'otp_challenge_invalid'],
    423: ['account_locked'],
  })
  verify(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
