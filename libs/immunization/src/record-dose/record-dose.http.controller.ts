import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { concurrencyConflict, scheduleRuleCodes } from '../error-codes';
import { recordDoseAnswer } from './record-dose.answer';
import { recordDoseSchema } from './record-dose.command';
import { RecordDoseHandler } from './record-dose.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/doses')
export class RecordDoseController {
  constructor(@Inject(RecordDoseHandler) private readonly handler: RecordDoseHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a dose given to a subject',
    description:
      'Needs data_entry (or facility admin) at facilityId. 422 with a code naming the broken rule: unknown_vaccine, dose_in_future, dose_before_birth, dose_already_recorded, series_complete, dose_number_mismatch, age_out_of_range, dose_interval_too_short; unknown_plan, plan_facility_mismatch or plan_vaccine_mismatch for a planId that does not fit.',
  })
  @ApiZodBody(recordDoseSchema, {
    name: 'RecordDoseRequest',
    example: {
      vaccineCode: 'VAXZEVRIA',
      lotNumber: 'ABV5811',
      administeredAt: '2021-08-02T09:30:00+07:00',
      facilityId: 'TYT-79-760-26734',
      planId: '0190f2c8-1b5a-7d3e-8f21-6a4c9e0b2d17',
      site: 'LD',
      route: 'IM',
    },
  })
  @ApiIdParam('id', 'subject', '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21')
  @ApiZodResponse(201, recordDoseAnswer, {
    name: 'RecordDoseAnswer',
    description: 'Recorded',
    example: { doseId: '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30', doseNumber: 1 },
  })
  @ApiErrors({
    403: ['out_of_scope'],
    409: [concurrencyConflict],
    422: [...scheduleRuleCodes, 'unknown_plan', 'plan_facility_mismatch', 'plan_vaccine_mismatch'],
  })
  record(@Param('id', PathId('subject')) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id, body);
  }
}
