/** Logout ends the caller's session at once, here and (through `SessionEnded`) in every other service. */
import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { metadataFor } from '../command-metadata';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { endSession } from '../sign-in/session-tokens';

@Injectable()
export class LogoutHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(principal: Principal, origin: RequestOrigin): Promise<void> {
    const now = this.ctx.clock.now();
    await endSession(this.ctx, { sessionId: principal.sessionId, accountId: principal.accountId }, 'logout', metadataFor(principal, now, origin));
  }
}
