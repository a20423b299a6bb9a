import { z } from 'zod';

export const suspendAccountSchema = z.object({ reason: z.string().trim().min(1).max(500).default('suspended by an administrator') });
