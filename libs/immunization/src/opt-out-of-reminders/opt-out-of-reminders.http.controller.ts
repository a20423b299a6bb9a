import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseId } from '../ids';
import { OptOutOfRemindersHandler } from './opt-out-of-reminders.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/reminders')
export class OptOutOfRemindersController {
  constructor(@Inject(OptOutOfRemindersHandler) private readonly handler: OptOutOfRemindersHandler) {}

  @Post('opt-out')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record at a facility that a person wants no more reminders (an event on their reminder stream)',
    description: 'Facility admins and staff with data entry or subject management; 403 out_of_scope otherwise. Repeating it changes nothing.',
  })
  @ApiResponse({ status: 200, description: '{ subjectId, optedOut: true }' })
  optOut(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, parseId('subject', id), body);
  }
}
