import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { GetAccountHandler } from './get-account.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts')
export class GetAccountController {
  constructor(@Inject(GetAccountHandler) private readonly handler: GetAccountHandler) {}

  @Get(':id')
  @ApiOperation({ summary: 'One account (own, or within scope)' })
  @ApiResponse({ status: 404, description: 'account_not_found' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id);
  }
}
