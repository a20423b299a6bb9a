import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { stepUpTokenAnswer } from './verify-step-up.answer';
import { stepUpVerifySchema } from './verify-step-up.command';
import { VerifyStepUpHandler } from './verify-step-up.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/step-up')
export class VerifyStepUpController {
  constructor(@Inject(VerifyStepUpHandler) private readonly handler: VerifyStepUpHandler) {}

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Verifies the step-up code from the session that opened the challenge; returns a single-use token for X-Step-Up-Token, bound to account, session, subject and fields',
    description:
      '401 invalid_otp or otp_replayed (details.remainingAttempts), or otp_challenge_invalid: expired, used, opened by another session, or past its five attempts. ' +
      '423 account_locked (details.lockedUntil) after 10 wrong or replayed codes in a row.',
  })
  @ApiZodBody(stepUpVerifySchema, {
    name: 'VerifyStepUpRequest',
    example: { challengeId: 'e81b3c9a-4d27-4f6b-a0c5-7d2e9f1b6a43', code: '073614' },
  })
  @ApiZodResponse(200, stepUpTokenAnswer, {
    name: 'StepUpToken',
    description: 'The single-use step-up token',
    example: {
      stepUpToken:
        'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6IjRmOGMyZTFhIn0.eyJzdWIiOiIzYjZkOWYyZS04YzFhLTRlNWItOWQ3Zi0yYTZjOGUwYjRkMTkiLCJzdWJqZWN0IjoiMDE5MGYzYTItN2MxZS03YTRiLTlkMmUtNWI4YzFmMGEzZTIxIiwiZmxkcyI6WyJpZERvY3VtZW50IiwiYWRkcmVzcyJdLCJleHAiOjE3MzM5MTIzMDB9.Vb7nQ2xK9mLr4TzP0aWc8sYd3HfJ6uEoG1iR5kBtNqXlA7eMwC2zSgU9jDyF4hOn0pTv8rKi3aXsZqLcBw',
      expiresIn: 300,
    },
  })
  @ApiErrors({
    401: ['invalid_otp', 'otp_replayed', 'otp_challenge_invalid'],
    423: ['account_locked'],
  })
  verify(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }
}
