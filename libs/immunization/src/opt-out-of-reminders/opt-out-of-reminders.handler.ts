import { outOfScope, type Principal, type RequestOrigin } from '@vaxledger/auth';
import { CommandHandler, commandMetadata, type Clock, type EventStore } from '@vaxledger/kernel';
import { parseInput } from '@vaxledger/runtime';
import { reminderDecider, reminderStreamId } from '../domain/reminders.decider';
import { facilityOptOutSchema } from './opt-out-of-reminders.command';

/**
 * POST /subjects/:id/reminders/opt-out: at a facility, its staff (data entry or subject management) or admin
 * record the person's wish. An opt-out is an event on the person's reminder stream, as a reply's is.
 */
export class OptOutOfRemindersHandler {
  private readonly reminders: CommandHandler<any, any, any>;

  constructor(
    eventStore: EventStore,
    private readonly clock: Clock,
  ) {
    this.reminders = new CommandHandler(eventStore, reminderDecider);
  }

  async execute(principal: Principal, origin: RequestOrigin, subjectId: string, body: unknown) {
    parseInput(facilityOptOutSchema, body);
    const facilityAccount = principal.role === 'facility_admin' || (principal.role === 'staff' && (principal.rights.includes('data_entry') || principal.rights.includes('subject_management')));
    if (!facilityAccount || !principal.facilityId) throw outOfScope('Reminder opt-outs are recorded by facility staff.');
    await this.reminders.handle(
      reminderStreamId(subjectId),
      { type: 'OptOutOfReminders', subjectId, via: 'facility', facilityId: principal.facilityId, recipientKey: null },
      commandMetadata(principal, origin, this.clock.now()),
    );
    return { subjectId, optedOut: true };
  }
}
