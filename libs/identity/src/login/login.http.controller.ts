import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { loginBodySchema, loginSchema } from './login.command';
import { LoginHandler } from './login.handler';

@ApiTags('auth')
@Controller('api/v1/auth/login')
export class LoginController {
  constructor(private readonly handler: LoginHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Password step of sign-in: returns a one-time-code challenge, never a token' })
  @ApiBody({ schema: loginBodySchema })
  @ApiResponse({ status: 200, description: '{challengeId, method: "totp"|"sms"|"email", expiresAt}' })
  @ApiResponse({ status: 401, description: 'invalid_credentials (unknown user and wrong password alike)' })
  @ApiResponse({ status: 423, description: 'account_locked' })
  login(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(parseInput(loginSchema, body), origin);
  }
}
