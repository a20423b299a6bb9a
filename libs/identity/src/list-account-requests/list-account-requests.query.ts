import { z } from 'zod';

export const listAccountRequestsQuerySchema = z.object({
  status: z.enum(['pending', 'approved', 'partially_approved', 'rejected']).optional(),
  provinceCode: z.string().trim().regex(/^\d{2}$/).optional(),
  facilityId: z.string().trim().min(1).max(64).regex(/\S/, 'facilityId: not blank').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
