import { z } from 'zod';

export const refreshSessionSchema = z.object({ refreshToken: z.string().trim().min(1).max(256) });
export type RefreshSessionCommand = z.infer<typeof refreshSessionSchema>;
