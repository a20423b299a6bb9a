import { z } from 'zod';

export const redeemPasswordResetSchema = z.object({
  /** The single-use token from the password reset message. */
  token: z.string().trim().min(1).max(256),
  /** Checked against the password policy (400 weak_password), not here, so the answer names the reasons. */
  password: z.string().min(1).max(1024),
});
