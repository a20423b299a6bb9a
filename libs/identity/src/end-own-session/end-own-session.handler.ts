/** DELETE /auth/sessions/:id: a user ends one of their own sessions; another account's answers like a missing one. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { commandMetadata, notFound, type Clock } from '@vaxledger/kernel';
import type { RefreshSessions } from '../sessions/refresh-sessions';
import type { SessionTokens } from '../sign-in/session-tokens';

export class EndOwnSessionHandler {
  constructor(
    private readonly sessions: RefreshSessions,
    private readonly sessionTokens: SessionTokens,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, sessionId: string): Promise<void> {
    const now = this.clock.now();
    const session = /^[0-9a-f-]{36}$/.test(sessionId) ? await this.sessions.get(sessionId, now) : null;
    // Another account's session answers exactly like a missing one.
    if (!session || session.accountId !== principal.accountId) throw notFound('session_not_found', 'No such session.');
    await this.sessionTokens.end(session, 'ended_by_user', commandMetadata(principal, origin, now));
  }
}
