import { z } from 'zod';

const timestamp = z.string().datetime({ offset: true });

export const loginHistoryQuerySchema = z
  .object({
    accountId: z.string().trim().min(1).max(64).optional(),
    username: z.string().trim().min(1).max(128).optional(),
    from: timestamp.or(z.string().date()).optional(),
    to: timestamp.or(z.string().date()).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => !(q.accountId && q.username), { message: 'give accountId or username, not both' });

export type LoginHistoryQuery = z.infer<typeof loginHistoryQuerySchema>;
