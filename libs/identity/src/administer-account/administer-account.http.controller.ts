import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { AdministerAccountHandler, suspendAccountSchema } from './administer-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts/:id')
export class AdministerAccountController {
  constructor(@Inject(AdministerAccountHandler) private readonly handler: AdministerAccountHandler) {}

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
    return this.handler.execute(p, origin, id, 'suspend', parseInput(suspendAccountSchema, body ?? {}).reason);
  }

  @Post('reinstate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reinstates a suspended account in scope' })
  @ApiResponse({ status: 200, description: 'The account with its new status' })
  reinstate(@CurrentPrincipal() p: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id, 'reinstate');
  }

  @Post('unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lifts a lock caused by consecutive failed sign-ins' })
  @ApiResponse({ status: 200, description: 'The account with its new status' })
  unlock(@CurrentPrincipal() p: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id, 'unlock');
  }

  @Post('review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirms the periodic access review of an account' })
  @ApiResponse({ status: 200, description: 'The account with its new status' })
  review(@CurrentPrincipal() p: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(p, origin, id, 'review');
  }
}
