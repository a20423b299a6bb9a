import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { RejectAccountRequestHandler } from './reject-account-request.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/account-requests')
export class RejectAccountRequestController {
  constructor(@Inject(RejectAccountRequestHandler) private readonly handler: RejectAccountRequestHandler) {}

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rejects every still-pending item of a request, with a reason' })
  @ApiBody({ schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } })
  @ApiResponse({ status: 200, description: '{requestId, status}' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 409, description: 'account_request_decided' })
  reject(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id, body);
  }
}
