import { z } from 'zod';

const timestamp = z.string().datetime({ offset: true });

/** The query's fields; `loginHistoryQuerySchema` adds the rule between them. The OpenAPI parameters come from this. */
export const loginHistoryQueryFields = z.object({
  accountId: z.string().trim().min(1).max(64).optional(),
  username: z.string().trim().min(1).max(128).optional(),
  /** An ISO 8601 timestamp, or YYYY-MM-DD for the whole UTC day. */
  from: timestamp.or(z.string().date()).optional(),
  to: timestamp.or(z.string().date()).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const loginHistoryQuerySchema = loginHistoryQueryFields.refine((q) => !(q.accountId && q.username), {
  message: 'give accountId or username, not both',
});

export type LoginHistoryQuery = z.infer<typeof loginHistoryQuerySchema>;
