import { z } from 'zod';

export const suspendAccountSchema = z.object({ reason: z.string().trim().min(1).max(500).regex(/\S/, 'reason: not blank').default('suspended by an administrator') });
