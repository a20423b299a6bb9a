import { z } from 'zod';

/** POST /subjects/{id}/doses/{doseId}/reactions: the new reaction's id. */
export const reportReactionAnswer = z.object({ reactionId: z.string(), doseId: z.string() });

export type ReportReactionAnswer = z.infer<typeof reportReactionAnswer>;
