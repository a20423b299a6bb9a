import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
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
    description: 'Authorization: Bearer <SMS_REPLY_TOKEN>; 401 reply_token_invalid otherwise. Always 202 {accepted:true} for a well-formed reply, whether or not the phone is known.',
  })
  @ApiResponse({ status: 202, description: '{ accepted: true }' })
  reply(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    return this.handler.execute(authorization, body);
  }
}
