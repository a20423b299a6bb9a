/** Starting a session after a verified second factor: refresh session in KV, SessionStarted, signed access token. */
import { type Principal, type RequestOrigin, signAccessToken } from '@vaxledger/auth';
import { newOpaqueId } from '@vaxledger/kernel';
import { signInMetadata } from '../command-metadata';
import type { AccountState } from '../domain/account.decider';
import type { IdentityContext } from '../identity-context';
import { identityStreams } from '../identity-streams';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export function principalOf(account: AccountState & { accountId: string }, sessionId: string): Principal {
  if (!account.role) throw new Error('account without role');
  return {
    accountId: account.accountId,
    role: account.role,
    rights: account.rights,
    facilityId: account.facilityId,
    provinceCode: account.provinceCode,
    sessionId,
  };
}

export function signAccessFor(ctx: IdentityContext, account: AccountState & { accountId: string }, sessionId: string, now: Date) {
  return signAccessToken(principalOf(account, sessionId), ctx.signingKey, ctx.settings.IDENTITY_ACCESS_TOKEN_TTL_SECONDS, now);
}

export async function startSession(
  ctx: IdentityContext,
  account: AccountState & { accountId: string },
  origin: RequestOrigin,
  now: Date,
): Promise<IssuedTokens> {
  const sessionId = newOpaqueId();
  const { session, refreshToken } = await ctx.sessions.start({
    sessionId,
    accountId: account.accountId,
    ip: origin.ip,
    userAgent: origin.userAgent,
    now,
  });
  await ctx.write.record(
    identityStreams.session(sessionId),
    {
      type: 'SessionStarted',
      data: { sessionId, accountId: account.accountId, startedAt: session.createdAt, absoluteExpiresAt: session.absoluteExpiresAt },
    },
    signInMetadata({ accountId: account.accountId, facilityId: account.facilityId, provinceCode: account.provinceCode }, now, origin.correlationId),
  );
  return {
    accessToken: await signAccessFor(ctx, account, sessionId, now),
    refreshToken,
    expiresIn: ctx.settings.IDENTITY_ACCESS_TOKEN_TTL_SECONDS,
    tokenType: 'Bearer',
  };
}

/** Ends a session at once: KV entry gone, revoked here, and `SessionEnded` tells every other service. */
export async function endSession(
  ctx: IdentityContext,
  session: { sessionId: string; accountId: string },
  reason: 'logout' | 'ended_by_user' | 'refresh_token_reuse' | 'account_suspended',
  meta: { now: Date; correlationId: string; actor: { accountId: string; facilityId?: string | null; provinceCode?: string | null } },
): Promise<void> {
  await ctx.sessions.end(session);
  await ctx.revocations.revokeSession(session.sessionId);
  await ctx.write.record(
    identityStreams.session(session.sessionId),
    { type: 'SessionEnded', data: { sessionId: session.sessionId, accountId: session.accountId, endedAt: meta.now.toISOString(), reason } },
    { actor: meta.actor, now: meta.now, correlationId: meta.correlationId },
  );
}
