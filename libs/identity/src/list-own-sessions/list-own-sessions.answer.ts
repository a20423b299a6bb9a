import { z } from 'zod';

/** GET /auth/sessions: the caller's live sessions, as `ListOwnSessionsHandler` presents them. */
export const ownSessionsAnswer = z.object({
  items: z.array(
    z.object({
      sessionId: z.string().uuid(),
      /** True for the session of the token that asked. */
      current: z.boolean(),
      createdAt: z.string().datetime(),
      lastUsedAt: z.string().datetime(),
      /** When the session ends whatever its use (12 hours after sign-in by default). */
      absoluteExpiresAt: z.string().datetime(),
      /** The address that signed in. */
      ip: z.string(),
      /** The user agent that signed in, at most 256 characters; empty when none was sent. */
      userAgent: z.string(),
    }),
  ),
});

export type OwnSessionsAnswer = z.infer<typeof ownSessionsAnswer>;
