/**
 * The second step of sign-in and of step-up: a code against an open challenge. Every attempt counts against
 * the challenge (five judgements at most) and against the account (ten failures in a row lock it), counted
 * before the code is judged; every outcome is recorded in the login history.
 */
import type { RequestOrigin } from '@vaxledger/auth';
import { signInMetadata } from '../command-metadata';
import { type AccountState, canSignIn, isLocked } from '../domain/account.decider';
import { accountLocked, invalidOtp, otpChallengeInvalid, otpReplayed } from '../domain/identity-errors';
import type { SignInStage } from '../domain/sign-in.events';
import type { IdentityContext } from '../identity-context';
import { type OtpChallenge, wrongCodesPerChallenge } from '../otp/otp-challenges';
import { lockAccount } from './failed-steps';
import { checkCode } from './second-factor';
import { recordSignInStep } from './sign-in-journal';

export async function verifyChallengeCode(
  ctx: IdentityContext,
  input: { challengeId: string; code: string; purpose: OtpChallenge['purpose']; accountId?: string; sessionId?: string },
  origin: RequestOrigin,
): Promise<{ account: AccountState & { accountId: string }; challenge: OtpChallenge; now: Date }> {
  const now = ctx.clock.now();
  const challenge = await ctx.challenges.find(input.challengeId, now);
  if (
    !challenge ||
    challenge.purpose !== input.purpose ||
    (input.accountId && challenge.accountId !== input.accountId) ||
    // A step-up challenge is answered only from the session that opened it.
    (input.sessionId && challenge.sessionId !== input.sessionId)
  ) {
    throw otpChallengeInvalid();
  }
  const stage: SignInStage = input.purpose === 'login' ? 'otp' : 'step_up';
  const account = (await ctx.write.account(challenge.accountId)) as AccountState & { accountId: string };
  const record = (outcome: Parameters<typeof recordSignInStep>[1]['outcome']) =>
    recordSignInStep(ctx, { account, challengeId: challenge.challengeId, stage, method: challenge.method, outcome }, origin, now);

  if (isLocked(account, now)) {
    await ctx.challenges.close(challenge.challengeId);
    await record('locked');
    throw accountLocked(account.lockedUntil!, now);
  }
  if (!canSignIn(account)) {
    await ctx.challenges.close(challenge.challengeId);
    await record(account.suspended ? 'suspended' : 'not_activated');
    throw otpChallengeInvalid();
  }

  // Counted first, judged after: the challenge's and the account's counters go up atomically before the code is
  // looked at, and an attempt over either limit is refused unjudged. Fifty parallel guesses at one challenge
  // therefore get at most five judgements, and never more than the account's limit in a row.
  const attempt = await ctx.challenges.countAttempt(challenge.challengeId);
  const accountAttempts = await ctx.failures.record(account.accountId);
  const meta = signInMetadata(account, now, origin.correlationId);
  const lockLimit = ctx.settings.IDENTITY_OTP_FAILURES_BEFORE_LOCK;
  if (attempt > wrongCodesPerChallenge) {
    await ctx.challenges.close(challenge.challengeId);
    await record('challenge_closed');
    throw otpChallengeInvalid();
  }
  if (accountAttempts > lockLimit) {
    await ctx.challenges.close(challenge.challengeId);
    await record('locked');
    const { lockedUntil } = await lockAccount(ctx, account, accountAttempts, meta);
    throw accountLocked(lockedUntil ?? new Date(now.getTime() + ctx.lockout.baseLockMs).toISOString(), now);
  }

  const check = await checkCode(ctx, account, challenge, input.code, now);
  if (check !== 'accepted') {
    const remaining = Math.max(0, wrongCodesPerChallenge - attempt);
    if (remaining === 0) await ctx.challenges.close(challenge.challengeId);
    await record(check === 'replayed' ? 'otp_replayed' : 'wrong_otp');
    if (check === 'replayed') ctx.logger.warn({ accountId: account.accountId, stage }, 'replayed one-time code refused');
    if (accountAttempts >= lockLimit) {
      await ctx.challenges.close(challenge.challengeId);
      const { lockedUntil } = await lockAccount(ctx, account, accountAttempts, meta);
      await ctx.failures.reset(account.accountId);
      if (lockedUntil) throw accountLocked(lockedUntil, now);
    }
    throw check === 'replayed' ? otpReplayed(remaining) : invalidOtp(remaining);
  }
  if (!(await ctx.challenges.consume(challenge.challengeId))) throw otpChallengeInvalid();
  await ctx.failures.reset(account.accountId);
  await record('success');
  return { account, challenge, now };
}
