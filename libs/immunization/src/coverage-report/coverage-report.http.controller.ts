import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { CoverageReportHandler } from './coverage-report.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/reports/coverage')
export class CoverageReportController {
  constructor(@Inject(CoverageReportHandler) private readonly handler: CoverageReportHandler) {}

  @Get()
  @ApiOperation({
    summary: 'Doses given by day, province, district, vaccine and dose number',
    description: 'Reporters, auditors and national admins nationally; province admins (and province-bound reporters/auditors) for their own province. Voided doses are not counted; corrections move a dose.',
  })
  @ApiQuery({ name: 'provinceCode', required: false, example: '79' })
  @ApiQuery({ name: 'from', required: true, example: '2021-08-01' })
  @ApiQuery({ name: 'to', required: true, example: '2021-08-31' })
  @ApiQuery({ name: 'vaccineCode', required: false })
  @ApiResponse({ status: 200, description: '{ provinceCode, from, to, rows: [{ day, provinceCode, districtCode, vaccineCode, doseNumber, doses }], totals }' })
  report(@Query() query: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, query);
  }
}
