import { z } from 'zod';

export const verifyOtpSchema = z.object({
  challengeId: z.string().trim().min(1).max(64),
  code: z.string().trim().min(1).max(16),
});
export type VerifyOtpCommand = z.infer<typeof verifyOtpSchema>;
