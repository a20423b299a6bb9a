import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { errorBodySchema } from '@vaxledger/runtime';
import { redeemPasswordResetBodySchema } from './redeem-password-reset.command';
import { RedeemPasswordResetHandler } from './redeem-password-reset.handler';

@ApiTags('auth')
@Controller('api/v1/auth/password-reset')
export class RedeemPasswordResetController {
  constructor(@Inject(RedeemPasswordResetHandler) private readonly handler: RedeemPasswordResetHandler) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({
    summary:
      "Sets a new password with the single-use token of an administrator's password reset; every session of the account ends. The next sign-in asks for the one-time code as always",
  })
  @ApiBody({ schema: redeemPasswordResetBodySchema })
  @ApiResponse({ status: 204, description: 'The new password is set' })
  @ApiResponse({
    status: 400,
    description: 'reset_token_invalid (unknown, used and expired tokens alike), weak_password (details.reasons), or a malformed body',
    schema: errorBodySchema,
  })
  @ApiResponse({ status: 429, description: 'rate_limited + Retry-After (the sign-in throttle buckets)', schema: errorBodySchema })
  redeem(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
