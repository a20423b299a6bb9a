import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodQuery, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { ListFacilitySubjectsHandler } from './list-facility-subjects.handler';
import {
  facilitySubjectsPageExample,
  facilitySubjectsPageSchema,
  listFacilitySubjectsSchema,
} from './list-facility-subjects.query';

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
  @ApiZodQuery(listFacilitySubjectsSchema, { limit: 50 })
  @ApiZodResponse(200, facilitySubjectsPageSchema, {
    name: 'FacilitySubjectsPage',
    description: 'One page, in subject id order',
    example: facilitySubjectsPageExample,
  })
  @ApiIdParam('facilityId', 'facility', 'fac-hn-cau-giay')
  @ApiErrors({ 403: ['out_of_scope'] })
  list(
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
    @Param('facilityId', PathId('facility')) facilityId: string,
    @Query() query: Record<string, string>,
  ) {
    return this.handler.execute(principal, origin, facilityId, query);
  }
}
