import { deciderSpec } from '@vaxledger/kernel';
import { type ReminderEvent, reminderDecider, type SendReminder } from './reminders.decider';

const spec = deciderSpec(reminderDecider);
const subjectId = '0190f1c2-aaaa-7000-8000-000000000009';
const send = (overrides: Partial<SendReminder> = {}): SendReminder => ({
  type: 'SendReminder',
  subjectId,
  seriesGroup: 'covid19',
  doseNumber: 2,
  kind: 'upcoming',
  facilityId: 'facility-1',
  recipientKey: 'rk-1',
  on: '2021-08-20',
  ...overrides,
});
const sent = (doseNumber: number, kind: 'upcoming' | 'missed_booking' = 'upcoming'): ReminderEvent => ({
  type: 'ReminderSent',
  data: { subjectId, seriesGroup: 'covid19', doseNumber, kind, facilityId: 'facility-1', channel: 'sms', recipientKey: 'rk-1', on: '2021-08-20' },
});
const optedOut: ReminderEvent = { type: 'RemindersOptedOut', data: { subjectId, via: 'reply', facilityId: null, recipientKey: 'rk-1' } };

describe('reminders of a person', () => {
  it('reminds a person of a due dose once', () => {
    spec.given([]).when(send()).then([sent(2)]);
  });

  it('does not remind of the same dose again, on another day or after a missed booking', () => {
    spec.given([sent(2)]).when(send({ on: '2021-08-21' })).then([]);
    spec.given([sent(2)]).when(send({ kind: 'missed_booking' })).then([]);
  });

  it('reminds again for the next dose', () => {
    spec.given([sent(2)]).when(send({ doseNumber: 3 })).then([sent(3)]);
  });

  it('sends nothing to a person who opted out', () => {
    spec.given([optedOut]).when(send()).then([]);
  });

  it('records an opt-out once, whether by reply or at the facility', () => {
    spec.given([]).when({ type: 'OptOutOfReminders', subjectId, via: 'facility', facilityId: 'facility-1', recipientKey: null }).then([
      { type: 'RemindersOptedOut', data: { subjectId, via: 'facility', facilityId: 'facility-1', recipientKey: null } },
    ]);
    spec.given([optedOut]).when({ type: 'OptOutOfReminders', subjectId, via: 'facility', facilityId: 'facility-1', recipientKey: null }).then([]);
  });
});
