import { opaqueIdPattern } from '@vaxledger/kernel';
import { z } from 'zod';

export const bookPlanSubjectsSchema = z
  .object({ subjectIds: z.array(z.string().regex(opaqueIdPattern, 'must be an id')).min(1).max(1000) })
  .strict();

export type BookPlanSubjectsInput = z.infer<typeof bookPlanSubjectsSchema>;
