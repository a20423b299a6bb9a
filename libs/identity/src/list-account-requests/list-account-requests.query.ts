import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const listAccountRequestsQuerySchema = z.object({
  status: z.enum(['pending', 'approved', 'partially_approved', 'rejected']).optional(),
  provinceCode: z.string().regex(/^[0-9]{2}$/).optional(),
  facilityId: typedText(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
