import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../ids';
import { correctDoseBodySchema } from './correct-dose.command';
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
    description: 'Needs dose_history_update at the recording or managing facility. The corrected dose must satisfy the schedule rules (422 otherwise). Sending the same correction again changes nothing.',
  })
  @ApiBody({ schema: correctDoseBodySchema })
  @ApiResponse({ status: 200, description: 'Corrected (or already so)' })
  correct(
    @Param('id') id: string,
    @Param('doseId') doseId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, parseId('subject', id), parseId('dose', doseId), body);
  }
}
