import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { concurrencyConflict } from '../error-codes';
import { reportReactionAnswer } from './report-reaction.answer';
import { reportReactionSchema } from './report-reaction.command';
import { ReportReactionHandler } from './report-reaction.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/doses/:doseId/reactions')
export class ReportReactionController {
  constructor(@Inject(ReportReactionHandler) private readonly handler: ReportReactionHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Report an adverse reaction after a dose',
    description: 'Needs data_entry at any facility. 422 reaction_before_dose, reaction_in_future or dose_voided; 404 dose_not_found.',
  })
  @ApiZodBody(reportReactionSchema, {
    name: 'ReportReactionRequest',
    example: {
      onsetAt: '2021-08-02T20:00:00+07:00',
      severity: 'moderate',
      description: 'Sốt 39°C và sưng đau chỗ tiêm (fever 39°C, injection-site swelling)',
      outcome: 'recovering',
    },
  })
  @ApiIdParam('id', 'subject', '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21')
  @ApiIdParam('doseId', 'dose', '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30')
  @ApiZodResponse(201, reportReactionAnswer, {
    name: 'ReportReactionAnswer',
    description: 'Reported',
    example: { reactionId: '0190f4c1-9e27-7f5a-b1d3-4c8e6a2f0d19', doseId: '0190f3b7-2a61-7c08-b4d9-8e1f2a6c5d30' },
  })
  @ApiErrors({
    403: ['out_of_scope'],
    404: ['dose_not_found'],
    409: [concurrencyConflict],
    422: ['dose_voided', 'reaction_in_future', 'reaction_before_dose'],
  })
  report(
    @Param('id', PathId('subject')) id: string,
    @Param('doseId', PathId('dose')) doseId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, id, doseId, body);
  }
}
