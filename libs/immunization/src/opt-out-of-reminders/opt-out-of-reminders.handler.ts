import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { outOfScope, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { CommandHandler, DomainError } from '@vaxledger/kernel';
import { INFRASTRUCTURE, type ServiceInfrastructure } from '@vaxledger/runtime';
import { commandMetadata } from '../command-metadata';
import { isOptOutReply } from '../domain/reminder-text';
import { reminderDecider, reminderStreamId } from '../domain/reminders.decider';
import { ImmunizationReadModels } from '../read-models/immunization-read-models';
import { normaliseVietnamesePhone, reminderRecipientKey } from '../send-reminders/reminder-recipients';
import { REMINDER_SETTINGS, type ReminderSettings } from '../send-reminders/reminder-settings';
import type { ReminderReply } from './opt-out-of-reminders.command';

/** An opt-out is an event on the person's reminder stream, whether it came through a facility or a reply. */
@Injectable()
export class OptOutOfRemindersHandler {
  private readonly reminders: CommandHandler<any, any, any>;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
    @Inject(REMINDER_SETTINGS) private readonly settings: ReminderSettings,
    private readonly readModels: ImmunizationReadModels,
  ) {
    this.reminders = new CommandHandler(infra.eventStore, reminderDecider);
  }

  /** At a facility: its staff (data entry or subject management) or admin record the person's wish. */
  async atFacility(principal: Principal, origin: RequestOrigin, subjectId: string) {
    const facilityAccount = principal.role === 'facility_admin' || (principal.role === 'staff' && (principal.rights.includes('data_entry') || principal.rights.includes('subject_management')));
    if (!facilityAccount || !principal.facilityId) throw outOfScope('Reminder opt-outs are recorded by facility staff.');
    await this.reminders.handle(
      reminderStreamId(subjectId),
      { type: 'OptOutOfReminders', subjectId, via: 'facility', facilityId: principal.facilityId, recipientKey: null },
      commandMetadata(principal, origin, this.infra.clock.now()),
    );
    return { subjectId, optedOut: true };
  }

  /**
   * A reply forwarded by the SMS gateway. The same answer whatever the phone or text, so the endpoint tells
   * nobody who was reminded; a reply that asks to stop opts out every person reminded at that phone.
   */
  async fromReply(gatewayToken: string | undefined, parseReply: () => ReminderReply) {
    // The token first: a stranger learns nothing, not even which bodies would be well formed.
    this.requireGateway(gatewayToken);
    const reply = parseReply();
    const phone = normaliseVietnamesePhone(reply.from);
    if (phone && isOptOutReply(reply.text)) {
      const recipientKey = reminderRecipientKey(this.infra.keys.lookupKey, phone);
      const recipient = await (await this.readModels.reminderRecipients()).get(recipientKey);
      for (const subjectId of recipient?.subjectIds ?? []) {
        await this.reminders.handle(
          reminderStreamId(subjectId),
          { type: 'OptOutOfReminders', subjectId, via: 'reply', facilityId: null, recipientKey },
          { actor: { accountId: 'system:sms-replies' }, now: this.infra.clock.now(), correlationId: reply.messageId ?? `reply-${Date.now()}` },
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
