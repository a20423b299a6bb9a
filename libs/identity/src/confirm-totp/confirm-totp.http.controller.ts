import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { totpConfirmedAnswer } from './confirm-totp.answer';
import { confirmTotpSchema } from './confirm-totp.command';
import { ConfirmTotpHandler } from './confirm-totp.handler';

@ApiTags('auth')
@Controller('api/v1/auth/totp/confirm')
export class ConfirmTotpController {
  constructor(@Inject(ConfirmTotpHandler) private readonly handler: ConfirmTotpHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Completes authenticator enrolment with one current TOTP code',
    description:
      '401 invalid_otp for a wrong code and for a username with no enrolment waiting alike; otp_replayed for a code already used. ' +
      '423 account_locked (details.lockedUntil) after 10 wrong or replayed codes in a row. 422 account_state when the enrolment was completed meanwhile.',
  })
  @ApiZodBody(confirmTotpSchema, { name: 'ConfirmTotpRequest', example: { username: 'tran.van.minh', code: '590381' } })
  @ApiZodResponse(200, totpConfirmedAnswer, {
    name: 'TotpConfirmed',
    description: 'Enrolment complete; the account can sign in',
    example: { accountId: '0195962b-41c8-7a3e-9b1d-5f2c8e7a0d64', activated: true },
  })
  @ApiErrors({
    401: ['invalid_otp', 'otp_replayed'],
    422: ['account_state'],
    423: ['account_locked'],
  })
  confirm(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
