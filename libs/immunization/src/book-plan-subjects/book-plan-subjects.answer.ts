import { z } from 'zod';

/** POST /plans/{id}/subjects: the subjects booked by this call and the plan's places afterwards. */
export const bookPlanSubjectsAnswer = z.object({
  planId: z.string(),
  /** This call's subjects, each once. */
  bookedSubjectIds: z.array(z.string()),
  /** Subjects booked on the plan in all, this call's included. */
  booked: z.number().int().min(0),
  capacity: z.number().int().min(1),
  remaining: z.number().int().min(0),
});

export type BookPlanSubjectsAnswer = z.infer<typeof bookPlanSubjectsAnswer>;
