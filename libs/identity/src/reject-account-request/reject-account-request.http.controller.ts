import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { accountRequestAnswerExample } from '../account-presentation';
import { rejectedAccountRequestAnswer } from './reject-account-request.answer';
import { rejectAccountRequestSchema } from './reject-account-request.command';
import { RejectAccountRequestHandler } from './reject-account-request.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/account-requests')
export class RejectAccountRequestController {
  constructor(@Inject(RejectAccountRequestHandler) private readonly handler: RejectAccountRequestHandler) {}

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rejects every still-pending item of a request, with a reason',
    description:
      "The facility reads the reason. 409 account_request_decided when no item is pending any more; 403 out_of_scope (recorded as an access denial) outside the facility's province.",
  })
  @ApiIdParam('id', 'account request', accountRequestAnswerExample.requestId)
  @ApiZodBody(rejectAccountRequestSchema, {
    name: 'RejectAccountRequestRequest',
    example: { reason: 'Thiếu quyết định phân công công tác của các nhân viên trong danh sách' },
  })
  @ApiZodResponse(200, rejectedAccountRequestAnswer, {
    name: 'RejectedAccountRequest',
    description: 'The request with its new status',
    example: { requestId: accountRequestAnswerExample.requestId, status: 'partially_approved' },
  })
  @ApiErrors({ 403: ['out_of_scope'], 404: ['account_request_not_found'], 409: ['account_request_decided', 'CONCURRENCY_CONFLICT'] })
  reject(@CurrentPrincipal() principal: Principal, @Param('id', PathId('account request')) id: string, @Body() body: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id, body);
  }
}
