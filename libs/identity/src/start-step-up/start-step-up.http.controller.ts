import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { startStepUpBodySchema } from './start-step-up.command';
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
  })
  @ApiBody({ schema: startStepUpBodySchema })
  @ApiResponse({ status: 200, description: '{challengeId, method, expiresAt}' })
  @ApiResponse({ status: 400, description: 'validation_failed (subjectId missing, unknown field)' })
  start(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, body);
  }
}
