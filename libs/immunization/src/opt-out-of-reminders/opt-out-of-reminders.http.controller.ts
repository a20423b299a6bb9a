import { Body, Controller, Headers, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, CurrentOrigin, CurrentPrincipal, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { parseId } from '../command-metadata';
import { facilityOptOutSchema, reminderReplySchema } from './opt-out-of-reminders.command';
import { OptOutOfRemindersHandler } from './opt-out-of-reminders.handler';

@ApiTags('immunization')
@ApiBearerAuth('bearer')
@UseGuards(AccessTokenGuard)
@Controller('api/v1/subjects/:id/reminders')
export class OptOutOfRemindersHttpController {
  constructor(private readonly handler: OptOutOfRemindersHandler) {}

  @Post('opt-out')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record at a facility that a person wants no more reminders (an event on their reminder stream)',
    description: 'Facility admins and staff with data entry or subject management; 403 out_of_scope otherwise. Repeating it changes nothing.',
  })
  @ApiResponse({ status: 200, description: '{ subjectId, optedOut: true }' })
  optOut(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @CurrentOrigin() origin: RequestOrigin) {
    parseInput(facilityOptOutSchema, body ?? {});
    return this.handler.atFacility(principal, origin, parseId('subject', id));
  }
}

/** Inbound replies from the SMS gateway (no user token: the gateway's own bearer token, SMS_REPLY_TOKEN). */
@ApiTags('immunization')
@Controller('api/v1/reminders/replies')
export class ReminderRepliesHttpController {
  constructor(private readonly handler: OptOutOfRemindersHandler) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'A reply to a reminder, forwarded by the SMS gateway; "TU CHOI" (or HUY, STOP) opts the sender out',
    description: 'Authorization: Bearer <SMS_REPLY_TOKEN>; 401 reply_token_invalid otherwise. Always 202 {accepted:true} for a well-formed reply, whether or not the phone is known.',
  })
  @ApiResponse({ status: 202, description: '{ accepted: true }' })
  reply(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    return this.handler.fromReply(authorization, () => parseInput(reminderReplySchema, body));
  }
}
