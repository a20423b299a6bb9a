/** A user lists their own live sessions and can end any of them. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, notFound, type Clock } from '@vaxledger/kernel';
import type { RefreshSessions } from '../sessions/refresh-sessions';
import type { SessionTokens } from '../sign-in/session-tokens';

export interface SessionSummary {
  sessionId: string;
  current: boolean;
  createdAt: string;
  lastUsedAt: string;
  absoluteExpiresAt: string;
  ip: string;
  userAgent: string;
}

export class OwnSessionsHandler {
  constructor(
    private readonly sessions: RefreshSessions,
    private readonly sessionTokens: SessionTokens,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal): Promise<{ items: SessionSummary[] }> {
    const sessions = await this.sessions.listForAccount(principal.accountId, this.clock.now());
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

  async end(principal: Principal, origin: RequestOrigin, sessionId: string): Promise<void> {
    const now = this.clock.now();
    const session = /^[0-9a-f-]{36}$/.test(sessionId) ? await this.sessions.get(sessionId, now) : null;
    // Another account's session answers exactly like a missing one.
    if (!session || session.accountId !== principal.accountId) throw notFound('session_not_found', 'No such session.');
    await this.sessionTokens.end(session, 'ended_by_user', commandMetadata(principal, origin, now));
  }
}
