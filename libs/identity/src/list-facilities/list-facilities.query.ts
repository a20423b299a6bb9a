import { z } from 'zod';

export const listFacilitiesQuerySchema = z.object({
  provinceCode: z.string().trim().regex(/^\d{2}$/).optional(),
});
