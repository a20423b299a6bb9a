/**
 * First sign-in step (R2): the password. Answers with an OTP challenge, never with a token. The login
 * throttle judges the attempt before any password hash runs; the hash itself runs in a bounded number of slots.
 */
import type { RequestOrigin } from '@vaxledger/auth';
import { parseInput } from '@vaxledger/runtime';
import { signInActor } from '../sign-in/sign-in-actor';
import { usernameKey } from '../credentials/one-time-secrets';
import { type AccountState, isLocked, signInRefusal } from '../domain/account.decider';
import { accountLocked, accountNotActivated, accountSuspended, invalidCredentials } from '../domain/identity-errors';
import type { OtpChallengeAnswer } from './login.answer';
import { loginSchema } from './login.command';
import { loginRateLimited, type ThrottleRefusal } from './login-throttle';
import type { IdentitySettings } from '../identity-settings';
import type { IdentityWriteModel } from '../identity-write-model';
import { commandMetadata, type Clock, type KeyValueStore } from '@vaxledger/kernel';
import type { Logger } from '@vaxledger/runtime';
import type { PasswordHasher } from '../credentials/password-hasher';
import type { LoginThrottle } from '../login/login-throttle';
import type { SignInJournal, SignInStep } from '../sign-in/sign-in-journal';
import type { AccountLocker } from '../sign-in/failed-steps';
import type { SecondFactor } from '../sign-in/second-factor';

/** The answer of the password step: see login.answer.ts. */
export type LoginChallenge = OtpChallengeAnswer;

type Outcome = SignInStep['outcome'];

export class LoginHandler {
  constructor(
    private readonly settings: IdentitySettings,
    private readonly write: IdentityWriteModel,
    private readonly kv: KeyValueStore,
    private readonly logger: Logger,
    private readonly hasher: PasswordHasher,
    private readonly usernamesKey: Buffer,
    private readonly loginThrottle: LoginThrottle,
    private readonly journal: SignInJournal,
    private readonly locker: AccountLocker,
    private readonly secondFactor: SecondFactor,
    private readonly clock: Clock,
  ) {}

  async execute(origin: RequestOrigin, body: unknown): Promise<LoginChallenge> {
    const command = parseInput(loginSchema, body);
    const now = this.clock.now();
    const nameKey = usernameKey(this.usernamesKey, command.username);
    const step = (outcome: Outcome, known: AccountState | null, challengeId: string | null = null) =>
      this.journal.record({ account: known, usernameKey: known ? null : nameKey, challengeId, stage: 'password', method: 'password', outcome },
        origin,
        now,
      );

    const verdict = await this.loginThrottle.admit(origin.ip, nameKey, now);
    if (verdict.refused) {
      await this.recordRefusal(verdict, command.username, nameKey, origin, step);
      throw loginRateLimited(verdict.retryAfterMs);
    }

    const accountId = await this.write.accountIdForUsername(command.username);
    const account = accountId ? await this.write.findAccount(accountId) : null;
    if (!account || !account.accountId) {
      // Same work, the same answer and the same slow-down as a wrong password, so usernames cannot be probed.
      await this.hasher.verifyAgainstNothing(command.password);
      await step('unknown_user', null);
      await this.loginThrottle.recordWrongPassword(nameKey, now);
      throw invalidCredentials();
    }
    const known = account as AccountState & { accountId: string };
    if (isLocked(known, now)) {
      await step('locked', known);
      throw accountLocked(known.lockedUntil!, now);
    }
    const passwordOk = known.passwordHash
      ? await this.hasher.verify(known.passwordHash, command.password)
      : await this.hasher.verifyAgainstNothing(command.password);
    if (!passwordOk) {
      await step('wrong_password', known);
      const failures = await this.loginThrottle.recordWrongPassword(nameKey, now);
      if (failures >= this.settings.IDENTITY_PASSWORD_FAILURES_BEFORE_LOCK) {
        const { lockedUntil } = await this.locker.lock(known, failures, commandMetadata(signInActor(known), origin, now));
        await this.loginThrottle.reset(nameKey);
        if (lockedUntil) throw accountLocked(lockedUntil, now);
      }
      throw invalidCredentials();
    }
    await this.loginThrottle.reset(nameKey);
    const refusal = signInRefusal(known);
    if (refusal) {
      await step(refusal, known);
      throw refusal === 'suspended' ? accountSuspended() : accountNotActivated();
    }
    const challenge = await this.secondFactor.open(known, 'login', null, now);
    await step('password_accepted', known, challenge.challengeId);
    return { challengeId: challenge.challengeId, method: challenge.method, expiresAt: challenge.expiresAt };
  }

  /**
   * A throttled attempt is in the login history too (R3), at most one line per second per address or username:
   * a flood must not turn into a flood of durable writes.
   */
  private async recordRefusal(
    verdict: ThrottleRefusal,
    username: string,
    nameKey: string,
    origin: RequestOrigin,
    step: (outcome: Outcome, known: AccountState | null) => Promise<void>,
  ): Promise<void> {
      const subject = verdict.reason === 'address' ? `address:${origin.ip}` : `username:${nameKey}`;
    if (!(await this.kv.setIfAbsent(`login:throttle-recorded:${subject}`, '1', 1000))) return;
    this.logger.warn({ reason: verdict.reason, ip: origin.ip }, 'sign-in attempt throttled');
    const accountId = await this.write.accountIdForUsername(username);
    const account = accountId ? await this.write.findAccount(accountId) : null;
    await step('rate_limited', account && account.accountId ? account : null);
  }
}
