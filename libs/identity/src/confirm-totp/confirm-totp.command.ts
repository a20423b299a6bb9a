import { z } from 'zod';

export const confirmTotpSchema = z.object({
  username: z.string().trim().min(1).max(128),
  code: z.string().trim().min(1).max(16),
});
