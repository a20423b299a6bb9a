import { opaqueIdPattern } from '@vaxledger/kernel';
import { z } from 'zod';
import { calendarDate } from '../create-plan/create-plan.command';

export const listPlansQuerySchema = z.object({
  facilityId: z.string().regex(opaqueIdPattern, 'must be an id').optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

export type ListPlansQuery = z.infer<typeof listPlansQuerySchema>;
