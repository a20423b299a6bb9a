/** Completes authenticator enrolment: one good TOTP code proves the app holds the secret. */
import type { RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import type { TotpConfirmedAnswer } from './confirm-totp.answer';
import { confirmTotpSchema } from './confirm-totp.command';
import { signInActor } from '../sign-in/sign-in-actor';
import { type AccountState, awaitsTotpConfirmation, isLocked } from '../domain/account.decider';
import { accountLocked, invalidOtp, otpReplayed } from '../domain/identity-errors';
import { identityStreams } from '../identity-streams';
import type { IdentitySettings } from '../identity-settings';
import type { IdentityWriteModel } from '../identity-write-model';
import type { ConsecutiveFailures } from '../otp/failure-counter';
import type { LockoutPolicy } from '../domain/lockout-policy';
import type { AccountLocker } from '../sign-in/failed-steps';
import type { SecondFactor } from '../sign-in/second-factor';
import { commandMetadata, type Clock } from '@vaxledger/kernel';

export class ConfirmTotpHandler {
  constructor(
    private readonly settings: IdentitySettings,
    private readonly write: IdentityWriteModel,
    private readonly failures: ConsecutiveFailures,
    private readonly lockout: LockoutPolicy,
    private readonly locker: AccountLocker,
    private readonly secondFactor: SecondFactor,
    private readonly clock: Clock,
  ) {}

  async execute(origin: RequestOrigin, body: unknown): Promise<TotpConfirmedAnswer> {
    const command = parseInput(confirmTotpSchema, body);
    const now = this.clock.now();
    const accountId = await this.write.accountIdForUsername(command.username);
    const found = accountId ? await this.write.findAccount(accountId) : null;
    // Nothing to confirm looks the same as a wrong code: usernames are not probed through this route.
    if (!found || !awaitsTotpConfirmation(found)) throw invalidOtp(0);
    const account = found as AccountState & { accountId: string };
    if (isLocked(account, now)) throw accountLocked(account.lockedUntil!, now);
    const meta = commandMetadata(signInActor(account), origin, now);
    // Counted before it is judged, like a sign-in code: parallel guesses beyond the limit are never checked.
    const attempts = await this.failures.record(account.accountId);
    if (attempts > this.settings.IDENTITY_OTP_FAILURES_BEFORE_LOCK) {
      const { lockedUntil } = await this.locker.lock(account, attempts, meta);
      throw accountLocked(lockedUntil ?? new Date(now.getTime() + this.lockout.baseLockMs).toISOString(), now);
    }
    const check = await this.secondFactor.checkTotp(account, command.code, now);
    if (check !== 'accepted') {
      if (attempts >= this.settings.IDENTITY_OTP_FAILURES_BEFORE_LOCK) {
        const { lockedUntil } = await this.locker.lock(account, attempts, meta);
        await this.failures.reset(account.accountId);
        if (lockedUntil) throw accountLocked(lockedUntil, now);
      }
      throw check === 'replayed' ? otpReplayed(0) : invalidOtp(0);
    }
    await this.write.accounts.handle(identityStreams.account(account.accountId), { type: 'ConfirmTotpEnrolment', now }, meta);
    await this.failures.reset(account.accountId);
    return { accountId: account.accountId, activated: true };
  }
}
