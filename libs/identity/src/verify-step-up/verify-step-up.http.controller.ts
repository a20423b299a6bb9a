import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
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
  })
  @ApiBody({ schema: { type: 'object', required: ['challengeId', 'code'], properties: { challengeId: { type: 'string' }, code: { type: 'string' } } } })
  @ApiResponse({ status: 200, description: '{stepUpToken, expiresIn}' })
  @ApiResponse({ status: 401, description: 'invalid_otp, otp_replayed or otp_challenge_invalid' })
  verify(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }
}
