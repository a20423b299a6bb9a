/** The reminder job's settings, validated once at start-up; a bad value stops the process naming the variable. */
import { env, loadConfig } from '@vaxledger/runtime';
import { z } from 'zod';

export const reminderSettingsSchema = z.object({
  /** Send the reminder this many days before the recommended date. */
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(3),
  /** A day the job did not run is caught up for this many days after the recommended date. */
  REMINDER_CATCH_UP_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  /** How often the job runs in the process (minutes). */
  REMINDER_INTERVAL_MINUTES: env.positiveInt(60),
  /** Off: no scheduled runs (an operator may still run the job by hand). */
  REMINDERS_ENABLED: env.bool(true),
  /** Bearer token the SMS gateway presents when it forwards replies; replies are refused while it is unset. */
  SMS_REPLY_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
});

export interface ReminderSettings {
  daysBefore: number;
  catchUpDays: number;
  intervalMinutes: number;
  enabled: boolean;
  replyToken: string | null;
}

export function reminderSettingsFrom(settings: Record<string, string | undefined>): ReminderSettings {
  const parsed = loadConfig(reminderSettingsSchema, settings);
  return {
    daysBefore: parsed.REMINDER_DAYS_BEFORE,
    catchUpDays: parsed.REMINDER_CATCH_UP_DAYS,
    intervalMinutes: parsed.REMINDER_INTERVAL_MINUTES,
    enabled: parsed.REMINDERS_ENABLED,
    replyToken: parsed.SMS_REPLY_TOKEN ?? null,
  };
}

