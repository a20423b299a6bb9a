import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ListFacilitySubjectsHandler } from './list-facility-subjects.handler';
import { facilitySubjectsOpenApi } from './list-facility-subjects.query';

@ApiTags('subjects')
@ApiBearerAuth('bearer')
@Controller('api/v1/facilities')
@UseGuards(AccessTokenGuard)
export class ListFacilitySubjectsController {
  constructor(@Inject(ListFacilitySubjectsHandler) private readonly handler: ListFacilitySubjectsHandler) {}

  @Get(':facilityId/subjects')
  @ApiOperation({
    summary: 'Subjects managed by a facility (audited)',
    description: "The facility's own accounts, its province admin, or the national admin. Names and birth years only.",
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', default: 50, maximum: 200 } })
  @ApiQuery({ name: 'after', required: false, description: 'Cursor: `next` of the previous page' })
  @ApiResponse({ status: 200, schema: facilitySubjectsOpenApi })
  list(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('facilityId') facilityId: string,
    @Query() query: Record<string, string>,
  ) {
    return this.handler.execute(principal, origin, facilityId, query);
  }
}
