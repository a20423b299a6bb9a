import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ListAccountRequestsHandler } from './list-account-requests.handler';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/account-requests')
export class ListAccountRequestsController {
  constructor(@Inject(ListAccountRequestsHandler) private readonly handler: ListAccountRequestsHandler) {}

  @Get()
  @ApiOperation({ summary: 'Lists account requests within scope (a province admin sees its own province only)' })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'approved', 'partially_approved', 'rejected'] })
  @ApiQuery({ name: 'provinceCode', required: false })
  @ApiQuery({ name: 'facilityId', required: false })
  @ApiResponse({
    status: 200,
    description: '{items:[{requestId, facilityId, provinceCode, status, submittedAt, items:[...]}]} — each read leaves an access record in the audit trail',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
