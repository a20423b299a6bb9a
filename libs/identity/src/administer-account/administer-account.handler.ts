/**
 * Suspending, reinstating, unlocking and reviewing accounts, each within the caller's scope. Suspension ends
 * every session of the account at once and publishes `AccountSuspended` so every service refuses its tokens
 * issued before that instant. Reinstatement lifts nothing: only sign-ins after it get working tokens.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Principal, RequestOrigin } from '@vaxledger/auth';
import { z } from 'zod';
import { metadataFor } from '../command-metadata';
import { usernameKey } from '../credentials/one-time-secrets';
import type { AccountCommand } from '../domain/account.decider';
import { accountNotFound, selfAdministration } from '../domain/identity-errors';
import { IDENTITY_CONTEXT, type IdentityContext } from '../identity-context';
import { identityStreams } from '../identity-streams';
import { presentState } from '../list-accounts/list-accounts.handler';
import { administersAccount } from '../scope/account-scope';

export const suspendAccountSchema = z.object({ reason: z.string().trim().min(1).max(500).default('suspended by an administrator') });

export type AccountAdministration = 'suspend' | 'reinstate' | 'unlock' | 'review';

@Injectable()
export class AdministerAccountHandler {
  constructor(@Inject(IDENTITY_CONTEXT) private readonly ctx: IdentityContext) {}

  async execute(principal: Principal, accountId: string, action: AccountAdministration, origin: RequestOrigin, reason?: string) {
    const { ctx } = this;
    const account = await ctx.write.findAccount(accountId);
    if (!account || !account.role) throw accountNotFound();
    await ctx.denials.enforce(principal, `identity.account.${action}`, { accountId }, origin.correlationId, () =>
      administersAccount(principal, { accountId, role: account.role!, provinceCode: account.provinceCode, facilityId: account.facilityId }),
    );
    if (principal.accountId === accountId) throw selfAdministration();
    const meta = metadataFor(principal, ctx.clock.now(), origin);
    const command: AccountCommand =
      action === 'suspend'
        ? { type: 'SuspendAccount', reason: reason ?? 'suspended by an administrator', now: meta.now }
        : action === 'reinstate'
          ? { type: 'ReinstateAccount', now: meta.now }
          : action === 'unlock'
            ? { type: 'UnlockAccount', unlockedBy: principal.accountId, now: meta.now }
            : { type: 'ReviewAccount', reviewedBy: principal.accountId, now: meta.now };
    const result = await ctx.write.accounts.handle(identityStreams.account(accountId), command, meta);
    if (action === 'suspend') {
      await ctx.revocations.revokeTokensIssuedBefore(accountId, meta.now, meta.now);
      for (const session of await ctx.sessions.listForAccount(accountId, meta.now)) await ctx.sessions.end(session);
    } else if (action === 'unlock') {
      await ctx.failures.reset(accountId);
      if (account.username) await ctx.loginThrottle.reset(usernameKey(ctx.keys.usernames, account.username));
    }
    return presentState(result.state, meta.now);
  }
}
