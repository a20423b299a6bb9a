import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentOrigin, type RequestOrigin } from '@vaxledger/auth';
import { activateAccountBodySchema } from './activate-account.command';
import { ActivateAccountHandler } from './activate-account.handler';

@ApiTags('auth')
@Controller('api/v1/auth/activate')
export class ActivateAccountController {
  constructor(@Inject(ActivateAccountHandler) private readonly handler: ActivateAccountHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Activates a granted account with its activation token and a new password' })
  @ApiBody({ schema: activateAccountBodySchema })
  @ApiResponse({ status: 200, description: '{accountId, method, otpauthUri} (otpauthUri for TOTP enrolment, else null)' })
  @ApiResponse({ status: 400, description: 'weak_password' })
  @ApiResponse({ status: 401, description: 'activation_token_invalid' })
  activate(@Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(origin, body);
  }
}
