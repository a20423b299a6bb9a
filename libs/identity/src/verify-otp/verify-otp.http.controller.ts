import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { verifyOtpBodySchema } from './verify-otp.command';
import { VerifyOtpHandler } from './verify-otp.handler';

@ApiTags('auth')
@Controller('api/v1/auth/otp/verify')
export class VerifyOtpController {
  constructor(@Inject(VerifyOtpHandler) private readonly handler: VerifyOtpHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'One-time-code step of sign-in: returns the access and refresh tokens' })
  @ApiBody({ schema: verifyOtpBodySchema })
  @ApiResponse({ status: 200, description: '{accessToken, refreshToken, expiresIn, tokenType}' })
  @ApiResponse({
    status: 401,
    description: 'invalid_otp, otp_replayed or otp_challenge_invalid (also for attempts past the fifth at one challenge: counted before judged)',
  })
  @ApiResponse({ status: 423, description: 'account_locked (10 wrong or replayed codes in a row)' })
  verify(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
