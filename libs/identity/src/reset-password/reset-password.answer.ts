import { z } from 'zod';

/** POST /accounts/{id}/password-reset: the account and when the reset token sent to its holder expires (never the token). */
export const passwordResetIssuedAnswer = z.object({ accountId: z.string(), expiresAt: z.string().datetime() });

export type PasswordResetIssuedAnswer = z.infer<typeof passwordResetIssuedAnswer>;
