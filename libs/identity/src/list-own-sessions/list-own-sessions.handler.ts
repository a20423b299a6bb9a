/** GET /auth/sessions: a user lists their own live sessions (DELETE ends one: see end-own-session). */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import type { Clock } from '@vaxledger/kernel';
import type { RefreshSessions } from '../sessions/refresh-sessions';
import type { OwnSessionsAnswer } from './list-own-sessions.answer';

export type SessionSummary = OwnSessionsAnswer['items'][number];

export class ListOwnSessionsHandler {
  constructor(
    private readonly sessions: RefreshSessions,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, _origin: RequestOrigin): Promise<OwnSessionsAnswer> {
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
}
