/**
 * Locking after failed sign-in steps (the counting happens before each judgement, in the callers). Wrong or replayed one-time codes lock the account after ten in a
 * row (across challenges; `IDENTITY_OTP_FAILURES_BEFORE_LOCK`). Wrong passwords are slowed down by the login
 * throttle and lock only after a hundred (`IDENTITY_PASSWORD_FAILURES_BEFORE_LOCK`, NIST SP 800-63B).
 */
import type { CommandMetadata } from '@vaxledger/kernel';
import { isLocked, type AccountState } from '../domain/account.decider';
import type { RevocationList } from '@vaxledger/auth';
import type { Logger } from '@vaxledger/runtime';
import type { LockoutPolicy } from '../domain/lockout-policy';
import type { IdentityWriteModel } from '../identity-write-model';
import { identityStreams } from '../identity-streams';

export class AccountLocker {
  constructor(
    private readonly write: IdentityWriteModel,
    private readonly revocations: RevocationList,
    readonly lockout: LockoutPolicy,
    private readonly logger: Logger,
  ) {}

  /** `AccountLocked` (423 afterwards, with the back-off of the lockout policy) and a revocation instant. */
  async lock(account: AccountState & { accountId: string }, failures: number, meta: CommandMetadata): Promise<{ lockedUntil: string | null }> {
    const result = await this.write.accounts.handle(
      identityStreams.account(account.accountId),
      { type: 'LockAccount', consecutiveFailures: failures, policy: this.lockout, now: meta.now },
      meta,
    );
    // Tokens and sessions from before the lock stay refused even once it lifts (a guessed secret may be in use).
    if (isLocked(result.state, meta.now)) await this.revocations.revokeTokensIssuedBefore(account.accountId, meta.now, meta.now);
    this.logger.warn({ accountId: account.accountId, failures }, 'account locked after consecutive failures');
    return { lockedUntil: isLocked(result.state, meta.now) ? result.state.lockedUntil : null };
  }
}
