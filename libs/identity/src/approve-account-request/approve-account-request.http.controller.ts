import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { accountRequestAnswerExample } from '../account-presentation';
import { approvedAccountRequestAnswer } from './approve-account-request.answer';
import { approveAccountRequestSchema } from './approve-account-request.command';
import { ApproveAccountRequestHandler } from './approve-account-request.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/account-requests')
export class ApproveAccountRequestController {
  constructor(@Inject(ApproveAccountRequestHandler) private readonly handler: ApproveAccountRequestHandler) {}

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: "Grants all pending accounts of a request, or the items named (province admin of the facility's province)",
    description:
      'Without a body (or with an empty items list) every pending item is approved; items are named by index or username. Each granted account awaits ' +
      "activation with a token sent to the person's own e-mail. 400 unknown_request_item for an item not in the request; 409 request_item_decided for " +
      'an item already approved or rejected, username_taken (details.usernames) when a username is no longer free; 403 out_of_scope (recorded as an access denial) ' +
      "outside the facility's province.",
  })
  @ApiIdParam('id', 'account request', accountRequestAnswerExample.requestId)
  @ApiZodBody(approveAccountRequestSchema, { name: 'ApproveAccountRequestRequest', required: false, example: { items: [0, 'minh.tran'] } })
  @ApiZodResponse(200, approvedAccountRequestAnswer, {
    name: 'ApprovedAccountRequest',
    description: 'The request with its new status, and the accounts granted',
    example: {
      requestId: accountRequestAnswerExample.requestId,
      status: 'approved',
      approved: [
        { index: 0, username: 'lan.nguyen', accountId: '0193a1f2-5c7e-7d41-8b2a-3e9f0c6d1a45' },
        { index: 1, username: 'minh.tran', accountId: '0193a1f2-5c7e-7e02-9c3b-4f0a1d7e2b56' },
      ],
    },
  })
  @ApiErrors({
    400: ['unknown_request_item'],
    403: ['out_of_scope'],
    404: ['account_request_not_found'],
    409: ['username_taken', 'request_item_decided', 'CONCURRENCY_CONFLICT'],
  })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id', PathId('account request')) id: string,
    @Body() body: unknown,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, id, body);
  }
}
