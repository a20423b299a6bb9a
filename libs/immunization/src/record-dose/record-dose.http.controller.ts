import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../ids';
import { recordDoseBodySchema } from './record-dose.command';
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
      'Needs data_entry (or facility admin) at facilityId. 422 with a code naming the broken rule: unknown_vaccine, dose_in_future, dose_before_birth, dose_already_recorded, series_complete, dose_number_mismatch, age_out_of_range, dose_interval_too_short.',
  })
  @ApiBody({ schema: recordDoseBodySchema })
  @ApiResponse({ status: 201, description: 'Recorded', schema: { type: 'object', properties: { doseId: { type: 'string' }, doseNumber: { type: 'integer' } } } })
  @ApiResponse({ status: 422, description: 'A schedule rule is broken' })
  record(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, parseId('subject', id), body);
  }
}
