import { typedText, untrimmedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const redeemPasswordResetSchema = z.object({
  token: typedText(256).describe('The single-use token from the password reset message'),
  // Checked against the password policy (400 weak_password) by the handler, so the answer names the reasons.
  password: untrimmedText(1024).describe('The new password; the password policy refuses a weak one with 400 weak_password'),
});
