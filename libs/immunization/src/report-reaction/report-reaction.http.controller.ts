import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../ids';
import { reportReactionBodySchema } from './report-reaction.command';
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
  @ApiBody({ schema: reportReactionBodySchema })
  @ApiResponse({ status: 201, description: 'Reported', schema: { type: 'object', properties: { reactionId: { type: 'string' }, doseId: { type: 'string' } } } })
  report(
    @Param('id') id: string,
    @Param('doseId') doseId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, parseId('subject', id), parseId('dose', doseId), body);
  }
}
