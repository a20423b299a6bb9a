import { z } from 'zod';

/** POST /auth/totp/confirm: the enrolment is complete and the account can sign in. */
export const totpConfirmedAnswer = z.object({
  accountId: z.string().uuid(),
  activated: z.literal(true),
});

export type TotpConfirmedAnswer = z.infer<typeof totpConfirmedAnswer>;
