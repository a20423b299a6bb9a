import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { ConfirmTotpHandler } from './confirm-totp.handler';

@ApiTags('auth')
@Controller('api/v1/auth/totp/confirm')
export class ConfirmTotpController {
  constructor(@Inject(ConfirmTotpHandler) private readonly handler: ConfirmTotpHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Completes authenticator enrolment with one current TOTP code' })
  @ApiBody({ schema: { type: 'object', required: ['username', 'code'], properties: { username: { type: 'string' }, code: { type: 'string' } } } })
  @ApiResponse({ status: 200, description: '{accountId, activated: true}' })
  @ApiResponse({ status: 401, description: 'invalid_otp' })
  confirm(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
