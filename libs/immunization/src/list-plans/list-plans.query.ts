import { z } from 'zod';
import { idPattern } from '../ids';
import { calendarDate } from '../create-plan/create-plan.command';

export const listPlansQuerySchema = z.object({
  facilityId: z.string().regex(idPattern, 'must be an id').optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

export type ListPlansQuery = z.infer<typeof listPlansQuerySchema>;
