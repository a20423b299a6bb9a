import { z } from 'zod';

/** POST /auth/activate: the account, its one-time-code method, and for TOTP the URI to enrol the authenticator with. */
export const activatedAccountAnswer = z.object({
  accountId: z.string().uuid(),
  method: z.enum(['totp', 'sms', 'email']),
  otpauthUri: z.string().regex(/^otpauth:\/\/totp\//).nullable().describe('`otpauth://totp/...` for an authenticator app (then POST /auth/totp/confirm); null for sms and email'),
});

export type ActivatedAccountAnswer = z.infer<typeof activatedAccountAnswer>;
