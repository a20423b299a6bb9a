import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { concurrencyConflict, scheduleRuleCodes } from '../error-codes';
import { correctDoseAnswer } from './correct-dose.answer';
import { correctDoseSchema } from './correct-dose.command';
import { CorrectDoseHandler } from './correct-dose.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/doses/:doseId/correct')
export class CorrectDoseController {
  constructor(@Inject(CorrectDoseHandler) private readonly handler: CorrectDoseHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Correct a recorded dose, with a reason',
    description: 'Needs dose_history_update at the recording or managing facility. The corrected dose must satisfy the schedule rules (422 otherwise). Sending the same correction again, or one that names no field, changes nothing.',
  })
  @ApiZodBody(correctDoseSchema, {
    name: 'CorrectDoseRequest',
    description: 'The fields to change and why; null clears site or route.',
    example: { lotNumber: 'ABV5811', reason: 'Số lô nhập sai (lot number mistyped)' },
  })
  @ApiIdParam('id', 'subject', '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21')
  @ApiIdParam('doseId', 'dose', '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30')
  @ApiZodResponse(200, correctDoseAnswer, {
    name: 'CorrectDoseAnswer',
    description: 'Corrected (or already so: changedFields empty)',
    example: { doseId: '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30', doseNumber: 2, status: 'completed', changedFields: ['lotNumber'] },
  })
  @ApiErrors({
    403: ['out_of_scope'],
    404: ['dose_not_found'],
    409: [concurrencyConflict],
    422: ['dose_voided', ...scheduleRuleCodes],
  })
  correct(
    @Param('id', PathId('subject')) id: string,
    @Param('doseId', PathId('dose')) doseId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, id, doseId, body);
  }
}
