import { z } from 'zod';
import { accountAnswer } from '../account-presentation';

/**
 * GET /accounts: the accounts in scope, oldest grant first, as the accounts read model holds them (so also when
 * each was activated). `lockedUntil` is set only while a lock is in force.
 */
export const accountListAnswer = z.object({
  items: z.array(accountAnswer.extend({ activatedAt: z.string().datetime().nullable() })),
});

export type AccountListAnswer = z.infer<typeof accountListAnswer>;
