import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { activatedAccountAnswer } from './activate-account.answer';
import { activateAccountSchema } from './activate-account.command';
import { ActivateAccountHandler } from './activate-account.handler';

@ApiTags('auth')
@Controller('api/v1/auth/activate')
export class ActivateAccountController {
  constructor(@Inject(ActivateAccountHandler) private readonly handler: ActivateAccountHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Activates a granted account with its activation token and a new password',
    description:
      '400 weak_password (details.reasons) for a password the policy refuses. 401 activation_token_invalid for an unknown, used or expired token. ' +
      '429 rate_limited with Retry-After when too many passwords are being hashed at once. TOTP (the default) answers an otpauth:// URI; one good code then completes enrolment with POST /api/v1/auth/totp/confirm.',
  })
  @ApiZodBody(activateAccountSchema, {
    name: 'ActivateAccountRequest',
    example: {
      token: '0195962b-41c8-7a3e-9b1d-5f2c8e7a0d64.pR7vK2mXq9LzT4wN8cYf1bHs6dJe0uGa3iOt5kVyQxE',
      password: 'Que-huong-Hue-mua-thu-1968',
      otpMethod: 'totp',
    },
  })
  @ApiZodResponse(200, activatedAccountAnswer, {
    name: 'ActivatedAccount',
    description: 'Credentials set; for TOTP the URI to enrol the authenticator app with',
    example: {
      accountId: '0195962b-41c8-7a3e-9b1d-5f2c8e7a0d64',
      method: 'totp',
      otpauthUri: 'otpauth://totp/vaxledger:tran.van.minh?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&period=30&digits=6&algorithm=SHA1&issuer=vaxledger',
    },
  })
  @ApiErrors({
    400: ['weak_password'],
    401: ['activation_token_invalid'],
    429: ['rate_limited'],
  })
  activate(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
