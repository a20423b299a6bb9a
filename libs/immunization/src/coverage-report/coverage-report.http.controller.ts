import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiZodQuery, ApiZodResponse } from '@vaxledger/runtime';
import { coverageReportAnswer } from './coverage-report.answer';
import { CoverageReportHandler } from './coverage-report.handler';
import { coverageReportQuerySchema } from './coverage-report.query';

const figures = (targetPopulation: number | null, atLeastOneDose: number, primarySeriesComplete: number, booster: number) => {
  const percent = (n: number) => (targetPopulation ? Math.round((1_000_000 * n) / targetPopulation) / 10_000 : null);
  return {
    targetPopulation,
    atLeastOneDose,
    primarySeriesComplete,
    booster,
    atLeastOneDosePercent: percent(atLeastOneDose),
    primarySeriesCompletePercent: percent(primarySeriesComplete),
    boosterPercent: percent(booster),
  };
};

const example = {
  provinceCode: '79',
  from: '2021-08-01',
  to: '2021-08-31',
  rows: [
    { day: '2021-08-02', provinceCode: '79', districtCode: '760', vaccineCode: 'VAXZEVRIA', doseNumber: 1, doses: 1840 },
    { day: '2021-08-02', provinceCode: '79', districtCode: '769', vaccineCode: 'COMIRNATY', doseNumber: 2, doses: 512 },
  ],
  totals: [
    { vaccineCode: 'COMIRNATY', doseNumber: 2, doses: 512 },
    { vaccineCode: 'VAXZEVRIA', doseNumber: 1, doses: 1840 },
  ],
  people: {
    seriesGroup: 'covid19',
    asOfWeek: '2021-08-30',
    targetGroups: ['18+', '12-17'],
    targetGroupReferenceDay: '2021-07-01',
    populationSource: 'General Statistics Office of Viet Nam, 2021 (reference-data/population-2021.json)',
    total: figures(7_512_000, 2352, 512, 0),
    outsideTargetGroups: { atLeastOneDose: 3, primarySeriesComplete: 0, booster: 0 },
    provinces: [
      {
        provinceCode: '79',
        name: 'Thành phố Hồ Chí Minh',
        ...figures(7_512_000, 2352, 512, 0),
        byTargetGroup: { '18+': figures(6_890_000, 2352, 512, 0), '12-17': figures(622_000, 0, 0, 0) },
        districts: [{ districtCode: '760', ...figures(null, 1840, 0, 0) }],
      },
    ],
    weekly: [{ weekStart: '2021-07-26', ...figures(7_512_000, 0, 0, 0) }, { weekStart: '2021-08-02', ...figures(7_512_000, 2352, 512, 0) }],
  },
};

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/reports/coverage')
export class CoverageReportController {
  constructor(@Inject(CoverageReportHandler) private readonly handler: CoverageReportHandler) {}

  @Get()
  @ApiOperation({
    summary: 'Doses given by day, province, district, vaccine and dose number',
    description: 'Reporters, auditors and national admins nationally; province admins (and province-bound reporters/auditors) for their own province. Voided doses are not counted; corrections move a dose. from must not be after to, and the range is at most 366 days (422 invalid_range).',
  })
  @ApiZodQuery(coverageReportQuerySchema, { provinceCode: '79', from: '2021-08-01', to: '2021-08-31', vaccineCode: 'VAXZEVRIA' })
  @ApiZodResponse(200, coverageReportAnswer, { name: 'CoverageReportAnswer', description: 'The coverage figures in the caller’s scope', example })
  @ApiErrors({ 403: ['out_of_scope'], 422: ['invalid_range'] })
  report(@Query() query: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
