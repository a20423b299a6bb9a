/** A user lists their own live sessions and can end any of them. */
import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { notFound } from '@vaxledger/kernel';
import { metadataFor } from '../command-metadata';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { endSession } from '../sign-in/session-tokens';

export interface SessionSummary {
  sessionId: string;
  current: boolean;
  createdAt: string;
  lastUsedAt: string;
  absoluteExpiresAt: string;
  ip: string;
  userAgent: string;
}

@Injectable()
export class OwnSessionsHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async list(principal: Principal): Promise<{ items: SessionSummary[] }> {
    const sessions = await this.ctx.sessions.listForAccount(principal.accountId, this.ctx.clock.now());
    return {
      items: sessions.map((s) => ({
        sessionId: s.sessionId,
        current: s.sessionId === principal.sessionId,
        createdAt: s.createdAt,
        lastUsedAt: s.lastUsedAt,
        absoluteExpiresAt: s.absoluteExpiresAt,
        ip: s.ip,
        userAgent: s.userAgent,
      })),
    };
  }

  async end(principal: Principal, sessionId: string, origin: RequestOrigin): Promise<void> {
    const now = this.ctx.clock.now();
    const session = /^[0-9a-f-]{36}$/.test(sessionId) ? await this.ctx.sessions.get(sessionId, now) : null;
    // Another account's session answers exactly like a missing one.
    if (!session || session.accountId !== principal.accountId) throw notFound('session_not_found', 'No such session.');
    await endSession(this.ctx, session, 'ended_by_user', metadataFor(principal, now, origin));
  }
}
