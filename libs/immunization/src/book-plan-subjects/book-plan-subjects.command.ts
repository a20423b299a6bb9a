import { z } from 'zod';
import { idPattern } from '../ids';

export const bookPlanSubjectsSchema = z
  .object({ subjectIds: z.array(z.string().regex(idPattern, 'must be an id')).min(1).max(1000) })
  .strict();

export type BookPlanSubjectsInput = z.infer<typeof bookPlanSubjectsSchema>;
