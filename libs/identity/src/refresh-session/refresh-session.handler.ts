/** Refresh token rotation: each refresh token works once; a reused one ends the whole session. */
import { Inject, Injectable } from '@nestjs/common';
import type { RequestOrigin } from '@vaxledger/auth';
import { DomainError } from '@vaxledger/kernel';
import { z } from 'zod';
import { signInMetadata } from '../command-metadata';
import { type AccountState, canSignIn, isLocked } from '../domain/account.decider';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { endSession, type IssuedTokens, signAccessFor } from '../sign-in/session-tokens';

export const refreshSessionSchema = z.object({ refreshToken: z.string().trim().min(1).max(256) });
export type RefreshSessionCommand = z.infer<typeof refreshSessionSchema>;

const refreshRefused = () =>
  new DomainError('unauthenticated', 'invalid_refresh_token', 'The refresh token is invalid or the session has ended.');

@Injectable()
export class RefreshSessionHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(command: RefreshSessionCommand, origin: RequestOrigin): Promise<IssuedTokens> {
    const { ctx } = this;
    const now = ctx.clock.now();
    const rotation = await ctx.sessions.rotate(command.refreshToken, now);
    if (rotation.outcome === 'invalid') throw refreshRefused();
    const account = await ctx.write.findAccount(rotation.session.accountId);
    const meta = { now, correlationId: origin.correlationId, actor: { accountId: rotation.session.accountId } };
    if (rotation.outcome === 'reused') {
      ctx.logger.warn({ accountId: rotation.session.accountId }, 'refresh token reused: session ended');
      await endSession(ctx, rotation.session, 'refresh_token_reuse', meta);
      throw refreshRefused();
    }
    const issuedBeforeRevocation =
      account?.sessionsNotValidBefore != null && Date.parse(rotation.session.createdAt) <= Date.parse(account.sessionsNotValidBefore);
    if (!account || !canSignIn(account) || isLocked(account, now) || issuedBeforeRevocation) {
      await endSession(ctx, rotation.session, 'account_suspended', signInMetadata(account ? { ...account } : null, now, origin.correlationId));
      throw refreshRefused();
    }
    return {
      accessToken: await signAccessFor(ctx, account as AccountState & { accountId: string }, rotation.session.sessionId, now),
      refreshToken: rotation.refreshToken,
      expiresIn: ctx.settings.IDENTITY_ACCESS_TOKEN_TTL_SECONDS,
      tokenType: 'Bearer',
    };
  }
}
