import { z } from 'zod';

export const listFacilitiesQuerySchema = z.object({
  provinceCode: z.string().regex(/^[0-9]{2}$/).optional(),
});
