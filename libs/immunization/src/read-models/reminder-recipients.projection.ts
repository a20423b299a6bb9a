/** Which subjects were reminded at which phone (by keyed hash): a reply opts out everyone reminded there. */
import type { Projection, RecordedEvent } from '@vaxledger/kernel';
import type { ReminderSent } from '../domain/reminders.decider';
import type { ImmunizationReadModels } from './immunization-read-models';

export class ReminderRecipientsProjection implements Projection {
  readonly name = 'immunization-reminder-recipients';
  readonly handles: ReadonlySet<string> = new Set(['ReminderSent']);

  constructor(private readonly readModels: ImmunizationReadModels) {}

  async apply(event: RecordedEvent): Promise<void> {
    const { recipientKey, subjectId } = (event as unknown as ReminderSent).data;
    if (!recipientKey || !subjectId) return;
    const recipients = await this.readModels.reminderRecipients();
    const current = await recipients.get(recipientKey);
    if (current?.subjectIds.includes(subjectId)) return;
    await recipients.upsert({ id: recipientKey, subjectIds: [...(current?.subjectIds ?? []), subjectId] }, event.position);
  }

  async reset(): Promise<void> {
    await (await this.readModels.reminderRecipients()).clear();
  }
}
