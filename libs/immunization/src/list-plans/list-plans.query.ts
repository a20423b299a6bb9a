import { z } from 'zod';
import { calendarDate } from '../create-plan/create-plan.command';

export const listPlansQuerySchema = z.object({
  facilityId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an id').optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

export type ListPlansQuery = z.infer<typeof listPlansQuerySchema>;
