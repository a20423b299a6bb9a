import { z } from 'zod';
import { calendarDatePattern, isCalendarDate, opaqueIdPattern } from '@vaxledger/kernel';

/** A calendar day `YYYY-MM-DD` (the pattern tells clients the shape; the refinement refuses 2021-02-30). */
export const calendarDate = z
  .string()
  .regex(calendarDatePattern, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a date YYYY-MM-DD');

export const createPlanSchema = z
  .object({
    facilityId: z.string().regex(opaqueIdPattern, 'must be an id'),
    date: calendarDate.describe('The day of the session, today or later (422 plan_date_in_past)'),
    vaccineCode: z.string().min(1).max(40).describe('Product code from GET /api/v1/vaccines; 422 unknown_vaccine otherwise'),
    capacity: z.number().int().min(1).max(10_000),
  })
  .strict();

export type CreatePlanInput = z.infer<typeof createPlanSchema>;
