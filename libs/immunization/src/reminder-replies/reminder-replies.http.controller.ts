import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '@vaxledger/runtime';
import { concurrencyConflict } from '../error-codes';
import { reminderReplyAnswer } from './reminder-replies.answer';
import { reminderReplySchema } from './reminder-replies.command';
import { ReminderRepliesHandler } from './reminder-replies.handler';

/** Inbound replies from the SMS gateway (no user token: the gateway's own bearer token, SMS_REPLY_TOKEN). */
@ApiTags('immunization')
@Controller('api/v1/reminders/replies')
export class ReminderRepliesController {
  constructor(@Inject(ReminderRepliesHandler) private readonly handler: ReminderRepliesHandler) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'A reply to a reminder, forwarded by the SMS gateway; "TU CHOI" (or HUY, STOP) opts the sender out',
    description: 'Authorization: Bearer <SMS_REPLY_TOKEN>; 401 reply_token_invalid otherwise (checked before the body). Always 202 {accepted:true} for a well-formed reply, whether or not the phone is known.',
  })
  @ApiZodBody(reminderReplySchema, {
    name: 'ReminderReplyRequest',
    description: 'The phone the reply came from, its text and the gateway’s message id.',
    example: { from: '+84912345678', text: 'TU CHOI', messageId: 'sms-in-20210805-000417' },
  })
  @ApiZodResponse(202, reminderReplyAnswer, { name: 'ReminderReplyAnswer', description: 'Accepted', example: { accepted: true } })
  @ApiErrors({ 401: ['reply_token_invalid'], 409: [concurrencyConflict] })
  reply(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    return this.handler.execute(authorization, body);
  }
}
