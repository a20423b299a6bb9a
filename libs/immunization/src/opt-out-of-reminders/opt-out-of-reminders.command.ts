import { z } from 'zod';

/** The facility's opt-out: nothing to say beyond who, which the URL and the token tell. */
export const facilityOptOutSchema = z.object({}).strict();

/** What the SMS gateway forwards for a reply: the phone it came from and its text. */
export const reminderReplySchema = z
  .object({
    from: z.string().min(8).max(20),
    text: z.string().max(500),
    /** The gateway's own id of the inbound message, kept for tracing only. */
    messageId: z.string().max(100).optional(),
  })
  .strict();

export type ReminderReply = z.infer<typeof reminderReplySchema>;
