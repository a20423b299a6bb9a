import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../ids';
import { voidDoseBodySchema } from './void-dose.command';
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
  @ApiBody({ schema: voidDoseBodySchema })
  @ApiResponse({ status: 200, description: 'Voided', schema: { type: 'object', properties: { doseId: { type: 'string' }, status: { type: 'string', enum: ['voided'] } } } })
  void(
    @Param('id') id: string,
    @Param('doseId') doseId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @CurrentOrigin() origin: RequestOrigin,
  ) {
    return this.handler.execute(principal, origin, parseId('subject', id), parseId('dose', doseId), body);
  }
}
