import { z } from 'zod';
import { accountRequestStatus } from '../account-presentation';

/** POST /account-requests/{id}/reject: where the request stands once its pending items are rejected. */
export const rejectedAccountRequestAnswer = z.object({ requestId: z.string(), status: accountRequestStatus });
