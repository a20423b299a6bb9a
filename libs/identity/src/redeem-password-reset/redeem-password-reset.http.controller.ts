import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { redeemPasswordResetSchema } from './redeem-password-reset.command';
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
    description:
      '401 reset_token_invalid for unknown, used and expired tokens alike; 400 weak_password (details.reasons) for a password the policy refuses. ' +
      '429 rate_limited with Retry-After: the sign-in throttle buckets (per address, and per account the token names), or too many passwords being hashed at once.',
  })
  @ApiZodBody(redeemPasswordResetSchema, {
    name: 'RedeemPasswordResetRequest',
    example: {
      token: '0195962b-41c8-7a3e-9b1d-5f2c8e7a0d64.Wm4nQ8rT2vKx7LpZ0cYd5bHf9sJe3uGa1iOk6tVyNqA',
      password: 'Song-Huong-nui-Ngu-2025',
    },
  })
  @ApiZodResponse(204, null, { name: 'PasswordReset', description: 'The new password is set' })
  @ApiErrors({
    400: ['weak_password'],
    401: ['reset_token_invalid'],
    429: ['rate_limited'],
  })
  redeem(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
