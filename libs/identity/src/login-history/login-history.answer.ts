import { z } from 'zod';
import type { SignInMethod, SignInOutcome, SignInStage } from '../domain/sign-in.events';

/** Every value of a string union, checked both ways against the domain's type. */
const allOf =
  <T extends string>() =>
  <const L extends readonly [T, ...T[]]>(values: L & ([T] extends [L[number]] ? unknown : 'some values are missing')) =>
    values;

const stages = allOf<SignInStage>()(['password', 'otp', 'step_up']);
const methods = allOf<SignInMethod>()(['password', 'totp', 'sms', 'email']);
const outcomes = allOf<SignInOutcome>()([
  'success',
  'password_accepted',
  'wrong_password',
  'unknown_user',
  'wrong_otp',
  'otp_replayed',
  'challenge_closed',
  'locked',
  'suspended',
  'not_activated',
  'rate_limited',
]);

/** GET /auth/login-history: sign-in attempts newest first, as `LoginHistoryHandler` picks them from the read model. */
export const loginHistoryAnswer = z.object({
  items: z.array(
    z.object({
      attemptId: z.string().min(1),
      challengeId: z.string().nullable().describe('The sign-in challenge the attempt belongs to, linking its password and one-time-code steps'),
      accountId: z.string().nullable().describe('Null for an attempt on a username that does not exist'),
      at: z.string().datetime(),
      ip: z.string(),
      userAgent: z.string(),
      stage: z.enum(stages),
      method: z.enum(methods),
      outcome: z.enum(outcomes),
    }),
  ),
});

export type LoginHistoryAnswer = z.infer<typeof loginHistoryAnswer>;
