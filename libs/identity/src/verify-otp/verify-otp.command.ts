import { z } from 'zod';

export const verifyOtpSchema = z.object({
  challengeId: z.string().trim().min(1).max(64).describe('The challengeId POST /auth/login answered'),
  code: z.string().trim().min(1).max(16).describe('The code from the authenticator app, SMS or email'),
});
export type VerifyOtpCommand = z.infer<typeof verifyOtpSchema>;
