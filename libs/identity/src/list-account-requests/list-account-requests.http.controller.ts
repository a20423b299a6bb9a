import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodQuery, ApiZodResponse } from '@vaxledger/runtime';
import { accountRequestAnswerExample } from '../account-presentation';
import { accountRequestListAnswer } from './list-account-requests.answer';
import { ListAccountRequestsHandler } from './list-account-requests.handler';
import { listAccountRequestsQuerySchema } from './list-account-requests.query';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/account-requests')
export class ListAccountRequestsController {
  constructor(@Inject(ListAccountRequestsHandler) private readonly handler: ListAccountRequestsHandler) {}

  @Get()
  @ApiOperation({
    summary: 'Lists account requests within scope (a province admin sees its own province only)',
    description:
      'Newest first. A facility admin sees its own facility only, the national admin every request; each read leaves an access record in the audit trail. ' +
      '403 out_of_scope (recorded as an access denial) for a province or facility outside the caller\'s scope, or a caller who administers none.',
  })
  @ApiZodQuery(listAccountRequestsQuerySchema, { status: 'pending', provinceCode: '01', facilityId: accountRequestAnswerExample.facilityId, limit: 50 })
  @ApiZodResponse(200, accountRequestListAnswer, {
    name: 'AccountRequestList',
    description: 'The requests, newest first',
    example: { items: [accountRequestAnswerExample] },
  })
  @ApiErrors({ 403: ['out_of_scope'] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
