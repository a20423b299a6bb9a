/** Logout ends the caller's session at once, here and (through `SessionEnded`) in every other service. */
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import type { SessionTokens } from '../sign-in/session-tokens';
import { commandMetadata, type Clock } from '@vaxledger/kernel';

export class LogoutHandler {
  constructor(
    private readonly sessionTokens: SessionTokens,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin): Promise<void> {
    const now = this.clock.now();
    await this.sessionTokens.end({ sessionId: principal.sessionId, accountId: principal.accountId }, 'logout', commandMetadata(principal, origin, now));
  }
}
