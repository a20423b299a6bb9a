import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodQuery, ApiZodResponse } from '@vaxledger/runtime';
import { listPlansAnswer } from './list-plans.answer';
import { ListPlansHandler } from './list-plans.handler';
import { listPlansQuerySchema } from './list-plans.query';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/plans')
export class ListPlansController {
  constructor(@Inject(ListPlansHandler) private readonly handler: ListPlansHandler) {}

  @Get()
  @ApiOperation({ summary: 'Vaccination plans of a facility (or of the caller’s scope) between two dates' })
  @ApiZodQuery(listPlansQuerySchema, { facilityId: 'TYT-79-760-26734', from: '2021-08-01', to: '2021-08-31' })
  @ApiZodResponse(200, listPlansAnswer, {
    name: 'PlanList',
    description: 'At most 500 plans, by date',
    example: {
      items: [
        {
          planId: '0190f2c8-1b5a-7d3e-8f21-6a4c9e0b2d17',
          facilityId: 'TYT-79-760-26734',
          provinceCode: '79',
          date: '2021-08-02',
          vaccineCode: 'VAXZEVRIA',
          capacity: 300,
          booked: 2,
        },
      ],
    },
  })
  @ApiErrors({ 403: ['out_of_scope'] })
  list(@Query() query: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
