/**
 * A person's reminders (stream `reminders-<subjectId>`): which next doses they were reminded of, and whether
 * they opted out. The stream is the durable mark that makes sends idempotent across restarts: a reminder is
 * decided (and appended, with the expected revision) before it is handed to delivery, and a dose already
 * reminded of decides nothing. So a person is reminded at most once per dose, even if the process dies
 * between the append and the send (that reminder is then lost, never doubled).
 */
import type { Decider, DomainEvent } from '@vaxledger/kernel';

export type ReminderKind = 'upcoming' | 'missed_booking';
export type OptOutChannel = 'facility' | 'reply';

export type ReminderSent = DomainEvent<
  'ReminderSent',
  {
    subjectId: string;
    seriesGroup: string;
    doseNumber: number;
    kind: ReminderKind;
    /** The facility named in the text. */
    facilityId: string;
    channel: 'sms';
    /** Keyed hash of the phone it went to, so a reply from that phone can be matched; never the phone itself. */
    recipientKey: string;
    /** The day the job ran for. */
    on: string;
  }
>;

export type RemindersOptedOut = DomainEvent<
  'RemindersOptedOut',
  { subjectId: string; via: OptOutChannel; facilityId: string | null; recipientKey: string | null }
>;

export type ReminderEvent = ReminderSent | RemindersOptedOut;

export type SendReminder = {
  type: 'SendReminder';
  subjectId: string;
  seriesGroup: string;
  doseNumber: number;
  kind: ReminderKind;
  facilityId: string;
  recipientKey: string;
  on: string;
};
export type OptOutOfReminders = { type: 'OptOutOfReminders'; subjectId: string; via: OptOutChannel; facilityId: string | null; recipientKey: string | null };
export type ReminderCommand = SendReminder | OptOutOfReminders;

export interface ReminderState {
  optedOut: boolean;
  /** `<seriesGroup>|<doseNumber>` of every dose reminded of. */
  reminded: string[];
}

export const reminderStreamId = (subjectId: string) => `reminders-${subjectId}`;
export const reminderKey = (seriesGroup: string, doseNumber: number) => `${seriesGroup}|${doseNumber}`;

export const reminderDecider: Decider<ReminderCommand, ReminderState, ReminderEvent> = {
  initialState: () => ({ optedOut: false, reminded: [] }),
  decide(command, state) {
    if (command.type === 'OptOutOfReminders') {
      if (state.optedOut) return []; // a second "TU CHOI" changes nothing
      const { type: _type, ...data } = command;
      return [{ type: 'RemindersOptedOut', data }];
    }
    if (state.optedOut) return [];
    if (state.reminded.includes(reminderKey(command.seriesGroup, command.doseNumber))) return [];
    const { subjectId, seriesGroup, doseNumber, kind, facilityId, recipientKey, on } = command;
    return [{ type: 'ReminderSent', data: { subjectId, seriesGroup, doseNumber, kind, facilityId, channel: 'sms', recipientKey, on } }];
  },
  evolve(state, event) {
    if (event.type === 'RemindersOptedOut') return { ...state, optedOut: true };
    if (event.type === 'ReminderSent') return { ...state, reminded: [...state.reminded, reminderKey(event.data.seriesGroup, event.data.doseNumber)] };
    return state;
  },
};
