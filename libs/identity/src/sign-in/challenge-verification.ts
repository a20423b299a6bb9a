/**
 * The second step of sign-in and of step-up: a code against an open challenge. Every attempt counts against
 * the challenge (five judgements at most) and against the account (ten failures in a row lock it), counted
 * before the code is judged; every outcome is recorded in the login history.
 */
import type { RequestOrigin } from '@vaxledger/auth';
import { signInActor } from './sign-in-actor';
import { commandMetadata, type Clock } from '@vaxledger/kernel';
import { type AccountState, canSignIn, isLocked } from '../domain/account.decider';
import { accountLocked, invalidOtp, otpChallengeInvalid, otpReplayed } from '../domain/identity-errors';
import type { SignInStage } from '../domain/sign-in.events';
import type { Logger } from '@vaxledger/runtime';
import type { IdentityWriteModel } from '../identity-write-model';
import type { ConsecutiveFailures } from '../otp/failure-counter';
import { type OtpChallenge, type OtpChallenges, wrongCodesPerChallenge } from '../otp/otp-challenges';
import type { AccountLocker } from './failed-steps';
import type { SecondFactor } from './second-factor';
import type { SignInJournal, SignInStep } from './sign-in-journal';

export class ChallengeVerification {
  constructor(
    private readonly challenges: OtpChallenges,
    private readonly write: IdentityWriteModel,
    private readonly failures: ConsecutiveFailures,
    private readonly secondFactor: SecondFactor,
    private readonly locker: AccountLocker,
    private readonly journal: SignInJournal,
    private readonly logger: Logger,
    /** IDENTITY_OTP_FAILURES_BEFORE_LOCK: wrong or replayed codes in a row, across challenges. */
    private readonly failuresBeforeLock: number,
    private readonly clock: Clock,
  ) {}

  async verify(
    input: { challengeId: string; code: string; purpose: OtpChallenge['purpose']; accountId?: string; sessionId?: string },
    origin: RequestOrigin,
  ): Promise<{ account: AccountState & { accountId: string }; challenge: OtpChallenge; now: Date }> {
    const now = this.clock.now();
    const challenge = await this.challenges.find(input.challengeId, now);
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
    const account = (await this.write.account(challenge.accountId)) as AccountState & { accountId: string };
    const record = (outcome: SignInStep['outcome']) =>
      this.journal.record({ account, challengeId: challenge.challengeId, stage, method: challenge.method, outcome }, origin, now);

    if (isLocked(account, now)) {
      await this.challenges.close(challenge.challengeId);
      await record('locked');
      throw accountLocked(account.lockedUntil!, now);
    }
    if (!canSignIn(account)) {
      await this.challenges.close(challenge.challengeId);
      await record(account.suspended ? 'suspended' : 'not_activated');
      throw otpChallengeInvalid();
    }

    // Counted first, judged after: the challenge's and the account's counters go up atomically before the code is
    // looked at, and an attempt over either limit is refused unjudged. Fifty parallel guesses at one challenge
    // therefore get at most five judgements, and never more than the account's limit in a row.
    const attempt = await this.challenges.countAttempt(challenge.challengeId);
    const accountAttempts = await this.failures.record(account.accountId);
    const meta = commandMetadata(signInActor(account), origin, now);
    const lockLimit = this.failuresBeforeLock;
    if (attempt > wrongCodesPerChallenge) {
      await this.challenges.close(challenge.challengeId);
      await record('challenge_closed');
      throw otpChallengeInvalid();
    }
    if (accountAttempts > lockLimit) {
      await this.challenges.close(challenge.challengeId);
      await record('locked');
      const { lockedUntil } = await this.locker.lock(account, accountAttempts, meta);
      throw accountLocked(lockedUntil ?? new Date(now.getTime() + this.locker.lockout.baseLockMs).toISOString(), now);
    }

    const check = await this.secondFactor.check(account, challenge, input.code, now);
    if (check !== 'accepted') {
      const remaining = Math.max(0, wrongCodesPerChallenge - attempt);
      if (remaining === 0) await this.challenges.close(challenge.challengeId);
      await record(check === 'replayed' ? 'otp_replayed' : 'wrong_otp');
      if (check === 'replayed') this.logger.warn({ accountId: account.accountId, stage }, 'replayed one-time code refused');
      if (accountAttempts >= lockLimit) {
        await this.challenges.close(challenge.challengeId);
        const { lockedUntil } = await this.locker.lock(account, accountAttempts, meta);
        await this.failures.reset(account.accountId);
        if (lockedUntil) throw accountLocked(lockedUntil, now);
      }
      throw check === 'replayed' ? otpReplayed(remaining) : invalidOtp(remaining);
    }
    if (!(await this.challenges.consume(challenge.challengeId))) throw otpChallengeInvalid();
    await this.failures.reset(account.accountId);
    await record('success');
    return { account, challenge, now };
  }
}
