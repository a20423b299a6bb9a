import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { otpChallengeAnswer, otpChallengeExample } from '../login/login.answer';
import { startStepUpSchema } from './start-step-up.command';
import { StartStepUpHandler } from './start-step-up.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/step-up')
export class StartStepUpController {
  constructor(@Inject(StartStepUpHandler) private readonly handler: StartStepUpHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: "Opens a step-up challenge on the account's one-time-code method, for one subject (and optionally some of its sensitive fields)",
    description:
      '400 validation_failed when subjectId is missing or a field is unknown or repeated. 403 account_not_activated, 423 account_locked (details.lockedUntil) for an account that cannot sign in now; 404 account_not_found when the token names no account.',
  })
  @ApiZodBody(startStepUpSchema, {
    name: 'StartStepUpRequest',
    example: { subjectId: '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21', fields: ['idDocument', 'address'] },
  })
  @ApiZodResponse(200, otpChallengeAnswer, {
    name: 'OtpChallenge',
    description: 'An open one-time-code challenge; answer it with the code',
    example: otpChallengeExample,
  })
  @ApiErrors({ 403: ['account_not_activated'], 404: ['account_not_found'], 423: ['account_locked'] })
  start(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }
}
