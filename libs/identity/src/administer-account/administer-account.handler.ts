/**
 * Suspending, reinstating, unlocking and reviewing accounts, each within the caller's scope. Suspension ends
 * every session of the account at once and publishes `AccountSuspended` so every service refuses its tokens
 * issued before that instant. Reinstatement lifts nothing: only sign-ins after it get working tokens.
 */
import type { Principal, RequestOrigin, RevocationList } from '@vaxledger/auth';
import { z } from 'zod';
import { usernameKey } from '../credentials/one-time-secrets';
import type { AccountCommand } from '../domain/account.decider';
import { accountNotFound, selfAdministration } from '../domain/identity-errors';
import { identityStreams } from '../identity-streams';
import { presentState } from '../list-accounts/list-accounts.handler';
import { administersAccount } from '../scope/account-scope';
import type { IdentityWriteModel } from '../identity-write-model';
import type { ConsecutiveFailures } from '../otp/failure-counter';
import type { RefreshSessions } from '../sessions/refresh-sessions';
import type { AccessDenials } from '../scope/access-denials';
import type { LoginThrottle } from '../login/login-throttle';
import { commandMetadata, type Clock } from '@vaxledger/kernel';

export const suspendAccountSchema = z.object({ reason: z.string().trim().min(1).max(500).default('suspended by an administrator') });

export type AccountAdministration = 'suspend' | 'reinstate' | 'unlock' | 'review';

export class AdministerAccountHandler {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly usernamesKey: Buffer,
    private readonly failures: ConsecutiveFailures,
    private readonly sessions: RefreshSessions,
    private readonly revocations: RevocationList,
    private readonly denials: AccessDenials,
    private readonly loginThrottle: LoginThrottle,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, origin: RequestOrigin, accountId: string, action: AccountAdministration, reason?: string) {
      const account = await this.write.findAccount(accountId);
    if (!account || !account.role) throw accountNotFound();
    await this.denials.enforce(principal, `identity.account.${action}`, { accountId }, origin.correlationId, () =>
      administersAccount(principal, { accountId, role: account.role!, provinceCode: account.provinceCode, facilityId: account.facilityId }),
    );
    if (principal.accountId === accountId) throw selfAdministration();
    const meta = commandMetadata(principal, origin, this.clock.now());
    const command: AccountCommand =
      action === 'suspend'
        ? { type: 'SuspendAccount', reason: reason ?? 'suspended by an administrator', now: meta.now }
        : action === 'reinstate'
          ? { type: 'ReinstateAccount', now: meta.now }
          : action === 'unlock'
            ? { type: 'UnlockAccount', unlockedBy: principal.accountId, now: meta.now }
            : { type: 'ReviewAccount', reviewedBy: principal.accountId, now: meta.now };
    const result = await this.write.accounts.handle(identityStreams.account(accountId), command, meta);
    if (action === 'suspend') {
      await this.revocations.revokeTokensIssuedBefore(accountId, meta.now, meta.now);
      for (const session of await this.sessions.listForAccount(accountId, meta.now)) await this.sessions.end(session);
    } else if (action === 'unlock') {
      await this.failures.reset(accountId);
      if (account.username) await this.loginThrottle.reset(usernameKey(this.usernamesKey, account.username));
    }
    return presentState(result.state, meta.now);
  }
}
