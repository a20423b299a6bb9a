import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiZodResponse } from '@vaxledger/runtime';
import { listVaccinesAnswer } from './list-vaccines.answer';
import { ListVaccinesHandler } from './list-vaccines.handler';

const example = {
  version: '2021.12.1',
  publishedOn: '2021-12-01',
  items: [
    {
      code: 'VAXZEVRIA',
      name: 'Vaxzevria (ChAdOx1-S recombinant, AZD1222)',
      manufacturer: 'AstraZeneca AB',
      program: 'covid19',
      seriesGroup: 'covid19',
      cvx: '210',
      route: 'IM',
      primarySeries: { doses: 2, intervals: [{ minDays: 28, recommendedDays: { min: 56, max: 84 } }] },
      booster: { doses: 1, minIntervalDays: 90, ageRange: { from: '18y', until: null } },
      ageRange: { from: '18y', until: null },
      notes: 'WHO: second dose 4 to 12 weeks after the first; Vietnam MoH recommended 8 to 12 weeks.',
    },
  ],
};

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/vaccines')
export class ListVaccinesController {
  constructor(@Inject(ListVaccinesHandler) private readonly handler: ListVaccinesHandler) {}

  @Get()
  @ApiOperation({ summary: 'The vaccine catalogue: products, primary series, intervals, boosters and allowed ages' })
  @ApiZodResponse(200, listVaccinesAnswer, { name: 'VaccineCatalogue', description: 'The catalogue in force', example })
  list(@CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin);
  }
}
