import { z } from 'zod';

/** One booked subject and whether they came: a valid dose recorded with the plan's id. */
export const planBookingAnswer = z.object({
  subjectId: z.string(),
  status: z.enum(['vaccinated', 'awaiting', 'did_not_attend']),
  doseId: z.string().nullable(),
  doseNumber: z.number().int().min(1).nullable(),
});

/** GET /plans/{id}: the plan with its attendance. */
export const getPlanAnswer = z.object({
  planId: z.string(),
  facilityId: z.string(),
  provinceCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  date: z.string(),
  vaccineCode: z.string(),
  capacity: z.number().int().min(1),
  remaining: z.number().int().min(0),
  booked: z.array(planBookingAnswer),
  vaccinated: z.array(z.string()),
  notVaccinated: z.array(z.string()),
  /** Doses recorded with the plan's id for subjects who were not booked on it. */
  walkIns: z.array(z.object({ subjectId: z.string(), doseId: z.string(), doseNumber: z.number().int().min(1) })),
});

export type GetPlanAnswer = z.infer<typeof getPlanAnswer>;
