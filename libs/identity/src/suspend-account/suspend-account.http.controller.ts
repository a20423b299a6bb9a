import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { SuspendAccountHandler } from './suspend-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts/:id')
export class SuspendAccountController {
  constructor(@Inject(SuspendAccountHandler) private readonly handler: SuspendAccountHandler) {}

  @Post('suspend')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Suspends an account in scope; every session of it ends at once, and every token issued before it stays refused (401 session_revoked) even after reinstatement',
  })
  @ApiBody({ required: false, schema: { type: 'object', properties: { reason: { type: 'string' } } } })
  @ApiResponse({ status: 200, description: 'The account with its new status' })
  @ApiResponse({ status: 403, description: 'out_of_scope or self_administration' })
  suspend(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id, body);
  }
}
