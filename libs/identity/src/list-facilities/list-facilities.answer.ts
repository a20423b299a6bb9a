import { z } from 'zod';

/** GET /facilities: the registered facilities, ordered by province and code. */
export const facilityListAnswer = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      provinceCode: z.string(),
      districtCode: z.string().nullable(),
      registeredAt: z.string().datetime(),
    }),
  ),
});

export type FacilityListAnswer = z.infer<typeof facilityListAnswer>;
