import { z } from 'zod';

/** POST /reminders/replies: the same answer whatever the phone or text, so it tells nobody who was reminded. */
export const reminderReplyAnswer = z.object({ accepted: z.literal(true) });

export type ReminderReplyAnswer = z.infer<typeof reminderReplyAnswer>;
