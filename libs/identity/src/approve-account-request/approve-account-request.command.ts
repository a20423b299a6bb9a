import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const approveAccountRequestSchema = z.object({
  items: z.array(z.union([z.number().int().min(0), typedText(128)])).max(500).optional(),
});
