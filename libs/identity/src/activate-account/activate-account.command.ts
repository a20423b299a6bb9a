import { typedText, untrimmedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const activateAccountSchema = z.object({
  token: typedText(256).describe("The activation token from the account's own email"),
  // Checked against the password policy (400 weak_password) by the handler, so the answer names the reasons.
  password: untrimmedText(1024).describe('The new password; the password policy refuses a weak one with 400 weak_password'),
  otpMethod: z.enum(['totp', 'sms', 'email']).default('totp').describe('How sign-in codes will come: an authenticator app (then POST /auth/totp/confirm), SMS or email'),
});
