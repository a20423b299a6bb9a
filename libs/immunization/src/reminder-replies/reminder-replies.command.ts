import { z } from 'zod';

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
