import { timingSafeEqual } from 'node:crypto';
import { CommandHandler, DomainError, type Clock, type EventStore } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { isOptOutReply } from '../domain/reminder-text';
import { reminderDecider, reminderStreamId } from '../domain/reminders.decider';
import type { ImmunizationReadModels } from '../read-models/immunization-read-models';
import { normaliseVietnamesePhone, reminderRecipientKey } from '../send-reminders/reminder-recipients';
import type { ReminderSettings } from '../send-reminders/reminder-settings';
import { reminderReplySchema } from './reminder-replies.command';

/**
 * POST /reminders/replies: a reply forwarded by the SMS gateway. The same answer whatever the phone or text, so
 * the endpoint tells nobody who was reminded; a reply that asks to stop opts out every person reminded at that
 * phone (an event on each person's reminder stream, as a facility's opt-out is).
 */
export class ReminderRepliesHandler {
  private readonly reminders: CommandHandler<any, any, any>;

  constructor(
    eventStore: EventStore,
    private readonly readModels: ImmunizationReadModels,
    private readonly settings: ReminderSettings,
    /** The root secret: reminder recipients are keyed by a keyed hash of the phone. */
    private readonly lookupKey: Buffer,
    private readonly clock: Clock,
  ) {
    this.reminders = new CommandHandler(eventStore, reminderDecider);
  }

  /** No principal: the gateway presents its own token instead. */
  async execute(gatewayToken: string | undefined, body: unknown) {
    // The token first: a stranger learns nothing, not even which bodies would be well formed.
    this.requireGateway(gatewayToken);
    const reply = parseInput(reminderReplySchema, body);
    const phone = normaliseVietnamesePhone(reply.from);
    if (phone && isOptOutReply(reply.text)) {
      const recipientKey = reminderRecipientKey(this.lookupKey, phone);
      const recipient = await (await this.readModels.reminderRecipients()).get(recipientKey);
      for (const subjectId of recipient?.subjectIds ?? []) {
        await this.reminders.handle(
          reminderStreamId(subjectId),
          { type: 'OptOutOfReminders', subjectId, via: 'reply', facilityId: null, recipientKey },
          { actor: { accountId: 'system:sms-replies' }, now: this.clock.now(), correlationId: reply.messageId ?? `reply-${Date.now()}` },
        );
      }
    }
    return { accepted: true };
  }

  private requireGateway(presented: string | undefined): void {
    const expected = this.settings.replyToken;
    const given = presented?.startsWith('Bearer ') ? presented.slice(7) : '';
    const ok = expected !== null && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!ok) throw new DomainError('unauthenticated', 'reply_token_invalid', 'Replies are accepted only from the SMS gateway, with its token.');
  }
}
