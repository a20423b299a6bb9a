import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodQuery, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { dueListAnswer } from './due-list.answer';
import { DueListHandler } from './due-list.handler';
import { dueListQuerySchema } from './due-list.query';

const example = {
  facilityId: 'TYT-79-760-26734',
  on: '2021-09-01',
  items: [
    {
      subjectId: '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21',
      fullName: 'Nguyễn Thị Lan',
      seriesGroup: 'covid19',
      nextDoseNumber: 2,
      vaccineCode: 'VAXZEVRIA',
      booster: false,
      earliest: '2021-08-30',
      recommended: '2021-09-27',
      overdueFrom: '2021-10-25',
      status: 'due',
      via: 'managed',
      bookedOn: null,
    },
  ],
  next: '2021-10-25|0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21|covid19',
};

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/facilities/:facilityId/due')
export class DueListController {
  constructor(@Inject(DueListHandler) private readonly handler: DueListHandler) {}

  @Get()
  @ApiOperation({
    summary: 'Who is due (or overdue) for a next dose on a day, among the subjects a facility manages or booked',
    description:
      "The facility's own accounts, its province admin, national admins (403 out_of_scope otherwise). Ordered by the day the dose becomes overdue. Names as search shows them; no phone or ID number. Every page is audited. 400 due_query_invalid for a bad query; status absent means both; after is the next of the previous page.",
  })
  @ApiZodQuery(dueListQuerySchema, { on: '2021-09-01', status: 'due', limit: 50, after: '2021-10-25|0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21|covid19' })
  @ApiIdParam('facilityId', 'facility', 'TYT-79-760-26734')
  @ApiZodResponse(200, dueListAnswer, { name: 'DueList', description: 'One page of the due list', example })
  @ApiErrors({ 400: ['due_query_invalid', 'validation_failed'], 403: ['out_of_scope'] })
  list(
    @Param('facilityId', PathId('facility')) facilityId: string,
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, facilityId, query);
  }
}
