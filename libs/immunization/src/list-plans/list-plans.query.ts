import { calendarDate, opaqueIdPattern } from '@vaxledger/kernel';
import { z } from 'zod';

export const listPlansQuerySchema = z.object({
  facilityId: z.string().regex(opaqueIdPattern, 'must be an id').optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

export type ListPlansQuery = z.infer<typeof listPlansQuerySchema>;
