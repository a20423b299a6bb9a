import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ListPlansHandler } from './list-plans.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/plans')
export class ListPlansController {
  constructor(@Inject(ListPlansHandler) private readonly handler: ListPlansHandler) {}

  @Get()
  @ApiOperation({ summary: 'Vaccination plans of a facility (or of the caller’s scope) between two dates' })
  @ApiQuery({ name: 'facilityId', required: false })
  @ApiQuery({ name: 'from', required: false, example: '2021-08-01' })
  @ApiQuery({ name: 'to', required: false, example: '2021-08-31' })
  @ApiResponse({ status: 200, description: '{ items: [{ planId, facilityId, provinceCode, date, vaccineCode, capacity, booked }] }' })
  list(@Query() query: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
