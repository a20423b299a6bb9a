import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ListAccountsHandler } from './list-accounts.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/accounts')
export class ListAccountsController {
  constructor(@Inject(ListAccountsHandler) private readonly handler: ListAccountsHandler) {}

  @Get()
  @ApiOperation({ summary: "Lists accounts within the caller's scope" })
  @ApiQuery({ name: 'provinceCode', required: false })
  @ApiQuery({ name: 'facilityId', required: false })
  @ApiQuery({ name: 'role', required: false })
  @ApiQuery({ name: 'notReviewedSince', required: false, description: 'YYYY-MM-DD or ISO timestamp' })
  @ApiResponse({
    status: 200,
    description: '{items:[{accountId, username, role, rights, facilityId, provinceCode, status, ...}]} — each read leaves an access record in the audit trail',
  })
  @ApiResponse({ status: 403, description: 'out_of_scope' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
