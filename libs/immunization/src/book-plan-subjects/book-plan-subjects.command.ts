import { z } from 'zod';

export const bookPlanSubjectsSchema = z
  .object({ subjectIds: z.array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an id')).min(1).max(1000) })
  .strict();

export type BookPlanSubjectsInput = z.infer<typeof bookPlanSubjectsSchema>;
