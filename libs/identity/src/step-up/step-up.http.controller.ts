import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { startStepUpBodySchema, startStepUpSchema, stepUpVerifySchema } from './step-up.command';
import { StepUpHandler } from './step-up.handler';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/auth/step-up')
export class StepUpController {
  constructor(@Inject(StepUpHandler) private readonly handler: StepUpHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: "Opens a step-up challenge on the account's one-time-code method, for one subject (and optionally some of its sensitive fields)",
  })
  @ApiBody({ schema: startStepUpBodySchema })
  @ApiResponse({ status: 200, description: '{challengeId, method, expiresAt}' })
  @ApiResponse({ status: 400, description: 'validation_failed (subjectId missing, unknown field)' })
  start(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.handler.start(principal, parseInput(startStepUpSchema, body));
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Verifies the step-up code from the session that opened the challenge; returns a single-use token for X-Step-Up-Token, bound to account, session, subject and fields',
  })
  @ApiBody({ schema: { type: 'object', required: ['challengeId', 'code'], properties: { challengeId: { type: 'string' }, code: { type: 'string' } } } })
  @ApiResponse({ status: 200, description: '{stepUpToken, expiresIn}' })
  @ApiResponse({ status: 401, description: 'invalid_otp, otp_replayed or otp_challenge_invalid' })
  verify(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.verify(principal, origin, parseInput(stepUpVerifySchema, body));
  }
}
