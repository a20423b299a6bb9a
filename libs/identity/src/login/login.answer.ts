import { z } from 'zod';

/**
 * An open one-time-code challenge: what the password step of sign-in (POST /auth/login) and the start of a
 * step-up (POST /auth/step-up) answer with, from `SecondFactor.open`.
 */
export const otpChallengeAnswer = z.object({
  challengeId: z.string().uuid().describe('Random UUID; give it back with the code'),
  method: z.enum(['totp', 'sms', 'email']).describe('Where the code comes from: the authenticator app, or a code sent by SMS or email'),
  expiresAt: z.string().datetime().describe('When the challenge stops accepting codes (UTC)'),
});

export type OtpChallengeAnswer = z.infer<typeof otpChallengeAnswer>;

export const otpChallengeExample: OtpChallengeAnswer = {
  challengeId: 'c4a1e7d2-5b3f-4e8a-9c6d-0f2b7a1e3d58',
  method: 'totp',
  expiresAt: '2026-03-14T02:35:00.000Z',
};
