import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApproveAccountRequestHandler } from './approve-account-request.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/account-requests')
export class ApproveAccountRequestController {
  constructor(@Inject(ApproveAccountRequestHandler) private readonly handler: ApproveAccountRequestHandler) {}

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: "Grants all pending accounts of a request, or the items named (province admin of the facility's province)" })
  @ApiBody({
    required: false,
    schema: { type: 'object', properties: { items: { type: 'array', items: { oneOf: [{ type: 'integer' }, { type: 'string' }] } } } },
  })
  @ApiResponse({ status: 200, description: '{requestId, status, approved:[{index, username, accountId}]}' })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  @ApiResponse({ status: 409, description: 'username_taken or request_item_decided' })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, id, body);
  }
}
