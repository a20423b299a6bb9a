import { z } from 'zod';

export const refreshSessionSchema = z.object({
  refreshToken: z.string().trim().min(1).max(256).describe('The latest refresh token of the session; each works once'),
});
export type RefreshSessionCommand = z.infer<typeof refreshSessionSchema>;
