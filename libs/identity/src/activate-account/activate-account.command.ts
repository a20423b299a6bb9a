import { z } from 'zod';

export const activateAccountSchema = z.object({
  /** The activation token from the account's own email. */
  token: z.string().trim().min(1).max(256),
  /** Checked against the password policy (400 weak_password), not here, so the answer names the reasons. */
  password: z.string().min(1).max(1024),
  otpMethod: z.enum(['totp', 'sms', 'email']).default('totp'),
});
