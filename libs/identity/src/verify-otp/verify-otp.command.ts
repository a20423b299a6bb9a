import { typedText } from '@vaxledger/kernel';
import { z } from 'zod';

export const verifyOtpSchema = z.object({
  challengeId: typedText(64).describe('The challengeId POST /auth/login answered'),
  code: typedText(16).describe('The code from the authenticator app, SMS or email'),
});
export type VerifyOtpCommand = z.infer<typeof verifyOtpSchema>;
