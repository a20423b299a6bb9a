import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

const timestamp = z.string().datetime({ offset: true });

/** The query; the OpenAPI parameters come from it. Filters combine: both accountId and username match both. */
export const loginHistoryQuerySchema = z.object({
  accountId: typedText(64).optional().describe('An account in your scope'),
  username: typedText(128).optional().describe('An account by its username; with accountId too, only attempts matching both'),
  from: timestamp.or(z.string().date()).optional().describe('From this ISO 8601 timestamp, or from the start of this YYYY-MM-DD (UTC)'),
  to: timestamp.or(z.string().date()).optional().describe('Up to this ISO 8601 timestamp, or to the end of this YYYY-MM-DD (UTC)'),
  limit: z.coerce.number().int().min(1).max(1000).default(200).describe('At most this many attempts, newest first'),
});

export type LoginHistoryQuery = z.infer<typeof loginHistoryQuerySchema>;
