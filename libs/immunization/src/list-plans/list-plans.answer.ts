import { z } from 'zod';

/** GET /plans: at most 500 plans, by date. */
export const listPlansAnswer = z.object({
  items: z.array(
    z.object({
      planId: z.string(),
      facilityId: z.string(),
      provinceCode: z.string().nullable(),
      date: z.string(),
      vaccineCode: z.string(),
      capacity: z.number().int().min(1),
      booked: z.number().int().min(0),
    }),
  ),
});

export type ListPlansAnswer = z.infer<typeof listPlansAnswer>;
