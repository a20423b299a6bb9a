import { z } from 'zod';

/** GET /auth/sessions: the caller's live sessions, as `ListOwnSessionsHandler` presents them. */
export const ownSessionsAnswer = z.object({
  items: z.array(
    z.object({
      sessionId: z.string().uuid(),
      current: z.boolean().describe('True for the session of the token that asked'),
      createdAt: z.string().datetime(),
      lastUsedAt: z.string().datetime(),
      absoluteExpiresAt: z.string().datetime().describe('When the session ends whatever its use (12 hours after sign-in by default)'),
      ip: z.string().describe('The address that signed in'),
      userAgent: z.string().describe('The user agent that signed in, at most 256 characters; empty when none was sent'),
    }),
  ),
});

export type OwnSessionsAnswer = z.infer<typeof ownSessionsAnswer>;
