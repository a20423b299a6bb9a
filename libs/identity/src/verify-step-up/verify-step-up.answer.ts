import { z } from 'zod';

/** POST /auth/step-up/verify: the single-use step-up token and how many seconds it lives (IDENTITY_STEP_UP_TTL_SECONDS). */
export const stepUpTokenAnswer = z.object({
  stepUpToken: z.string().min(1).describe('A signed JWT for the X-Step-Up-Token header, bound to account, session, subject and fields'),
  expiresIn: z.number().int().positive(),
});

export type StepUpTokenAnswer = z.infer<typeof stepUpTokenAnswer>;
