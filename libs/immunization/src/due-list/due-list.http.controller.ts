import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../ids';
import { DueListHandler } from './due-list.handler';

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
      "The facility's own accounts, its province admin, national admins (403 out_of_scope otherwise). Ordered by the day the dose becomes overdue. Names as search shows them; no phone or ID number. Every page is audited. 400 due_query_invalid for a bad query.",
  })
  @ApiQuery({ name: 'on', required: true, example: '2021-09-01' })
  @ApiQuery({ name: 'status', required: false, enum: ['due', 'overdue'], description: 'Absent: both' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', default: 50, minimum: 1, maximum: 200 } })
  @ApiQuery({ name: 'after', required: false, description: '`next` of the previous page' })
  @ApiResponse({
    status: 200,
    description:
      '{ facilityId, on, items: [{ subjectId, fullName, seriesGroup, nextDoseNumber, vaccineCode, booster, earliest, recommended, overdueFrom, status, via, bookedOn }], next }',
  })
  list(
    @Param('facilityId') facilityId: string,
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, parseId('facility', facilityId), query);
  }
}
