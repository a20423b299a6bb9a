import { z } from 'zod';
import { calendarDate, opaqueIdPattern } from '@vaxledger/kernel';

export const createPlanSchema = z
  .object({
    facilityId: z.string().regex(opaqueIdPattern, 'must be an id'),
    date: calendarDate.describe('The day of the session, today or later (422 plan_date_in_past)'),
    vaccineCode: z.string().min(1).max(40).describe('Product code from GET /api/v1/vaccines; 422 unknown_vaccine otherwise'),
    capacity: z.number().int().min(1).max(10_000),
  })
  .strict();

export type CreatePlanInput = z.infer<typeof createPlanSchema>;
