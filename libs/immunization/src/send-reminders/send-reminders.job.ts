/**
 * The reminder job: for a day, every next dose whose recommended date is `daysBefore` days away (or up to
 * `catchUpDays` past, for days the job did not run), and every booking missed the day before, reminds the
 * person once per dose through the delivery port (SMS, or the outbox file in standalone; purpose `reminder`).
 * The decision is appended to the person's reminder stream before the send, so a restart never sends twice.
 */
import { CommandHandler, type Clock, type EventStore, type FieldFilter, type MessageDelivery, type ReadModelCollection } from '@vaxledger/kernel';
import type { Logger } from '@vaxledger/runtime';
import { addAge } from '../domain/calendar';
import { reminderText } from '../domain/reminder-text';
import { type ReminderKind, reminderDecider, reminderKey, reminderStreamId } from '../domain/reminders.decider';
import type { DueEntryView, ImmunizationReadModels } from '../read-models/immunization-read-models';
import type { SubjectContactDirectory } from '../subject-contacts';
import { reminderRecipientKey } from './reminder-recipients';
import type { ReminderSettings } from './reminder-settings';

export interface ReminderRunSummary {
  on: string;
  considered: number;
  sent: number;
  alreadyReminded: number;
  optedOut: number;
  noContact: number;
  failed: number;
}

const pageSize = 500;
const addDays = (date: string, days: number) => addAge(date, { amount: days, unit: 'd' });

export class SendRemindersJob {
  private readonly reminders: CommandHandler<any, any, any>;
  private running: Promise<ReminderRunSummary> | null = null;

  constructor(
    eventStore: EventStore,
    private readonly readModels: ImmunizationReadModels,
    private readonly contacts: SubjectContactDirectory,
    private readonly settings: ReminderSettings,
    private readonly delivery: MessageDelivery,
    /** The root secret: reminder recipients are keyed by a keyed hash of the phone. */
    private readonly lookupKey: Buffer,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.reminders = new CommandHandler(eventStore, reminderDecider);
  }

  /** One run at a time in a process; a second call while one runs waits for it. */
  run(on: string): Promise<ReminderRunSummary> {
    this.running ??= this.runOnce(on).finally(() => (this.running = null));
    return this.running;
  }

  private async runOnce(on: string): Promise<ReminderRunSummary> {
    const summary: ReminderRunSummary = { on, considered: 0, sent: 0, alreadyReminded: 0, optedOut: 0, noContact: 0, failed: 0 };
    if (!this.contacts.available) {
      this.logger.warn({ on }, 'reminders not sent: no subject contact directory in this process');
      return summary;
    }
    const entries = await this.readModels.dueEntries();
    const seen = new Set<string>();
    const yesterday = addDays(on, -1);
    // Missed bookings first: their facility is the one that booked the person.
    for await (const entry of pages(entries, { bookedOn: yesterday })) {
      if (entry.bookedOn === yesterday && entry.earliest <= on) await this.remind(entry, 'missed_booking', on, seen, summary);
    }
    for (let day = addDays(on, -this.settings.catchUpDays); day <= addDays(on, this.settings.daysBefore); day = addDays(day, 1)) {
      for await (const entry of pages(entries, { recommended: day })) {
        if (entry.overdueFrom > on) await this.remind(entry, 'upcoming', on, seen, summary);
      }
    }
    this.logger.info({ ...summary }, 'reminder run finished');
    return summary;
  }

  private async remind(entry: DueEntryView, kind: ReminderKind, on: string, seen: Set<string>, summary: ReminderRunSummary): Promise<void> {
    const key = `${entry.subjectId}|${reminderKey(entry.seriesGroup, entry.nextDoseNumber)}`;
    if (seen.has(key)) return;
    seen.add(key);
    summary.considered += 1;
    const streamId = reminderStreamId(entry.subjectId);
    const { state } = await this.reminders.load(streamId);
    if (state.optedOut) return void (summary.optedOut += 1);
    if (state.reminded.includes(reminderKey(entry.seriesGroup, entry.nextDoseNumber))) return void (summary.alreadyReminded += 1);
    const contact = await this.contacts.reminderContactOf(entry.subjectId);
    if (!contact) return void (summary.noContact += 1);
    const facility = await (await this.readModels.facilities()).get(entry.facilityId);
    const result = await this.reminders.handle(
      streamId,
      {
        type: 'SendReminder',
        subjectId: entry.subjectId,
        seriesGroup: entry.seriesGroup,
        doseNumber: entry.nextDoseNumber,
        kind,
        facilityId: entry.facilityId,
        recipientKey: reminderRecipientKey(this.lookupKey, contact.phone),
        on,
      },
      { actor: { accountId: 'system:reminders' }, now: this.clock.now(), correlationId: `reminders-${on}` },
    );
    // Another run (another replica) decided it first: that one sends.
    if (result.events.length === 0) return void (summary.alreadyReminded += 1);
    try {
      await this.delivery.send({
        to: contact.phone,
        channel: 'sms',
        purpose: 'reminder',
        code: '',
        body: reminderText(kind, contact.firstName, facility?.name ?? 'cơ sở tiêm chủng'),
      });
      summary.sent += 1;
    } catch (error) {
      // The mark stays: at most once per dose. The failure is counted and logged, without the phone.
      summary.failed += 1;
      this.logger.error({ subjectId: entry.subjectId, error: (error as Error).message }, 'reminder delivery failed');
    }
  }
}

/** Every entry matching `filter`, by id, a page at a time. */
async function* pages(entries: ReadModelCollection<DueEntryView>, filter: FieldFilter): AsyncGenerator<DueEntryView> {
  let after: string | null = null;
  for (;;) {
    const batch: DueEntryView[] = await entries.find({ ...filter, ...(after ? { id: { $gte: after } } : {}) }, { sort: [['id', 1]], limit: pageSize + 1 });
    const fresh: DueEntryView[] = after ? batch.filter((entry) => entry.id !== after) : batch;
    for (const entry of fresh) yield entry;
    if (batch.length < pageSize + 1 || fresh.length === 0) return;
    after = fresh[fresh.length - 1].id;
  }
}
