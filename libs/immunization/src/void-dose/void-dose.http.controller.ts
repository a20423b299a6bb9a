import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { concurrencyConflict } from '../error-codes';
import { voidDoseAnswer } from './void-dose.answer';
import { voidDoseSchema } from './void-dose.command';
import { VoidDoseHandler } from './void-dose.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/doses/:doseId/void')
export class VoidDoseController {
  constructor(@Inject(VoidDoseHandler) private readonly handler: VoidDoseHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Void a dose entered in error, with a reason',
    description: 'Needs dose_history_update at the recording or managing facility. The dose stays in the history, shown as voided; 422 dose_already_voided on a second void.',
  })
  @ApiZodBody(voidDoseSchema, {
    name: 'VoidDoseRequest',
    example: { reason: 'Nhập nhầm người tiêm (entered on the wrong subject)' },
  })
  @ApiIdParam('id', 'subject', '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21')
  @ApiIdParam('doseId', 'dose', '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30')
  @ApiZodResponse(200, voidDoseAnswer, {
    name: 'VoidDoseAnswer',
    description: 'Voided',
    example: { doseId: '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30', status: 'voided' },
  })
  @ApiErrors({ 403: ['out_of_scope'], 404: ['dose_not_found'], 409: [concurrencyConflict], 422: ['dose_already_voided'] })
  void(
    @Param('id', PathId('subject')) id: string,
    @Param('doseId', PathId('dose')) doseId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, id, doseId, body);
  }
}
