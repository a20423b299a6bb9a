/**
 * Ends everything an account holds at once (suspension, password reset): every access token issued before the
 * instant is refused here (the other services learn it from the account event), and every refresh session ends.
 */
import type { RevocationList } from '@vaxledger/auth';
import type { RefreshSessions } from './refresh-sessions';

export class AccountRevocation {
  constructor(
    private readonly sessions: RefreshSessions,
    private readonly revocations: RevocationList,
  ) {}

  async revokeEverythingBefore(accountId: string, instant: Date, now: Date): Promise<void> {
    await this.revocations.revokeTokensIssuedBefore(accountId, instant, now);
    for (const session of await this.sessions.listForAccount(accountId, now)) await this.sessions.end(session);
  }
}
