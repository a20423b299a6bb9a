import { z } from 'zod';

export const approveAccountRequestSchema = z.object({
  items: z.array(z.union([z.number().int().min(0), z.string().trim().min(1).max(128).regex(/\S/, 'item: not blank')])).max(500).optional(),
});
