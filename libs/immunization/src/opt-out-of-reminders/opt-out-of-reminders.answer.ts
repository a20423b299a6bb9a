import { z } from 'zod';

/** POST /subjects/{id}/reminders/opt-out: the same answer however often it is sent. */
export const optOutOfRemindersAnswer = z.object({ subjectId: z.string(), optedOut: z.literal(true) });

export type OptOutOfRemindersAnswer = z.infer<typeof optOutOfRemindersAnswer>;
