import { z } from 'zod';
import { accountRequestAnswer } from '../account-presentation';

/** GET /account-requests: the requests in scope, newest first. */
export const accountRequestListAnswer = z.object({ items: z.array(accountRequestAnswer) });
