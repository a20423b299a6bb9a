/** Starting a session after a verified second factor: refresh session in KV, SessionStarted, signed access token. */
import { type Principal, type RequestOrigin, type RevocationList, signAccessToken } from '@vaxledger/auth';
import { signInActor } from './sign-in-actor';
import { commandMetadata, newOpaqueId } from '@vaxledger/kernel';
import type { AccountState } from '../domain/account.decider';
import type { KeyObject } from 'node:crypto';
import type { IdentityWriteModel } from '../identity-write-model';
import { identityStreams } from '../identity-streams';
import type { RefreshSessions } from '../sessions/refresh-sessions';

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

/** Starting, refreshing and ending sessions, and signing the access tokens that belong to them. */
export class SessionTokens {
  constructor(
    private readonly sessions: RefreshSessions,
    private readonly revocations: RevocationList,
    private readonly write: IdentityWriteModel,
    private readonly signingKey: KeyObject,
    readonly accessTokenTtlSeconds: number,
  ) {}

  signAccess(account: AccountState & { accountId: string }, sessionId: string, now: Date) {
    return signAccessToken(principalOf(account, sessionId), this.signingKey, this.accessTokenTtlSeconds, now);
  }

  async start(
    account: AccountState & { accountId: string },
    origin: RequestOrigin,
    now: Date,
  ): Promise<IssuedTokens> {
    const sessionId = newOpaqueId();
    const { session, refreshToken } = await this.sessions.start({
      sessionId,
      accountId: account.accountId,
      ip: origin.ip,
      userAgent: origin.userAgent,
      now,
    });
    await this.write.record(
      identityStreams.session(sessionId),
      {
        type: 'SessionStarted',
        data: { sessionId, accountId: account.accountId, startedAt: session.createdAt, absoluteExpiresAt: session.absoluteExpiresAt },
      },
      commandMetadata(signInActor({ accountId: account.accountId, facilityId: account.facilityId, provinceCode: account.provinceCode }), origin, now),
    );
    return {
      accessToken: await this.signAccess(account, sessionId, now),
      refreshToken,
      expiresIn: this.accessTokenTtlSeconds,
      tokenType: 'Bearer',
    };
  }

  /** Ends a session at once: KV entry gone, revoked here, and `SessionEnded` tells every other service. */
  async end(
    session: { sessionId: string; accountId: string },
    reason: 'logout' | 'ended_by_user' | 'refresh_token_reuse' | 'account_suspended',
    meta: { now: Date; correlationId: string; actor: { accountId: string; facilityId?: string | null; provinceCode?: string | null } },
  ): Promise<void> {
    await this.sessions.end(session);
    await this.revocations.revokeSession(session.sessionId);
    await this.write.record(
      identityStreams.session(session.sessionId),
      { type: 'SessionEnded', data: { sessionId: session.sessionId, accountId: session.accountId, endedAt: meta.now.toISOString(), reason } },
      { actor: meta.actor, now: meta.now, correlationId: meta.correlationId },
    );
  }
}
