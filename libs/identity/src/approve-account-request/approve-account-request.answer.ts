import { z } from 'zod';
import { accountRequestStatus } from '../account-presentation';

/** POST /account-requests/{id}/approve: where the request now stands and the accounts this approval granted. */
export const approvedAccountRequestAnswer = z.object({
  requestId: z.string(),
  status: accountRequestStatus,
  approved: z.array(z.object({ index: z.number().int().min(0), username: z.string(), accountId: z.string() })),
});
