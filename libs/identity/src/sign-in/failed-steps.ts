/** Counts a failed sign-in step and locks the account on the tenth in a row (AccountLocked, 423 afterwards). */
import type { CommandMetadata } from '@vaxledger/kernel';
import { isLocked, type AccountState } from '../domain/account.decider';
import { consecutiveFailuresBeforeLock } from '../domain/lockout-policy';
import type { IdentityContext } from '../identity-context';
import { identityStreams } from '../identity-streams';

export async function countFailedStep(
  ctx: IdentityContext,
  account: AccountState & { accountId: string },
  meta: CommandMetadata,
): Promise<{ lockedUntil: string | null }> {
  const failures = await ctx.failures.record(account.accountId);
  if (failures < consecutiveFailuresBeforeLock) return { lockedUntil: null };
  const result = await ctx.write.accounts.handle(
    identityStreams.account(account.accountId),
    { type: 'LockAccount', consecutiveFailures: failures, policy: ctx.lockout, now: meta.now },
    meta,
  );
  await ctx.failures.reset(account.accountId);
  // Tokens and sessions from before the lock stay refused even once it lifts (a guessed password may be in use).
  if (isLocked(result.state, meta.now)) await ctx.revocations.revokeTokensIssuedBefore(account.accountId, meta.now, meta.now);
  ctx.logger.warn({ accountId: account.accountId, failures }, 'account locked after consecutive failures');
  return { lockedUntil: isLocked(result.state, meta.now) ? result.state.lockedUntil : null };
}
