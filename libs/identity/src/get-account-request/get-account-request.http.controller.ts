import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { GetAccountRequestHandler } from './get-account-request.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/account-requests')
export class GetAccountRequestController {
  constructor(@Inject(GetAccountRequestHandler) private readonly handler: GetAccountRequestHandler) {}

  @Get(':id')
  @ApiOperation({ summary: 'One account request, within scope' })
  @ApiResponse({ status: 404, description: 'account_request_not_found' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id);
  }
}
