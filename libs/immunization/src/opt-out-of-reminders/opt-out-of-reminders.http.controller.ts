import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { ApiErrors, ApiIdParam, ApiZodBody, ApiZodResponse, PathId } from '@vaxledger/runtime';
import { concurrencyConflict } from '../error-codes';
import { optOutOfRemindersAnswer } from './opt-out-of-reminders.answer';
import { facilityOptOutSchema } from './opt-out-of-reminders.command';
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
  @ApiZodBody(facilityOptOutSchema, {
    name: 'OptOutOfRemindersRequest',
    description: 'An empty object: who opts out is in the path, who records it in the token. The body may also be left out.',
    required: false,
    example: {},
  })
  @ApiIdParam('id', 'subject', '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21')
  @ApiZodResponse(200, optOutOfRemindersAnswer, {
    name: 'OptOutOfRemindersAnswer',
    description: 'Opted out (or already so)',
    example: { subjectId: '0190f3a2-7c1e-7a4b-9d2e-5b8c1f0a3e21', optedOut: true },
  })
  @ApiErrors({ 403: ['out_of_scope'], 409: [concurrencyConflict] })
  optOut(@Param('id', PathId('subject')) id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    return this.handler.execute(principal, origin, id, body);
  }
}
